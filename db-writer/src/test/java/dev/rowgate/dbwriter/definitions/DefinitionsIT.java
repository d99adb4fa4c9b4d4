package dev.rowgate.dbwriter.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.rowgate.schema.DefinitionException;
import dev.rowgate.schema.DefinitionFiles;
import dev.rowgate.schema.Definitions;
import dev.rowgate.service.definitions.DefinitionsApplier;
import dev.rowgate.service.test.TestDefinitions;
import dev.rowgate.stack.test.TestInfrastructure;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Table definitions applied to a real PostgreSQL: what applies, what is refused, and that a refusal changes nothing. */
class DefinitionsIT {

  static final String ORDERS = """
      table: orders
      key: [customer, number]
      columns:
        - {name: customer, type: bigint}
        - {name: number, type: integer, min: 1}
        - {name: note, type: text, max_length: 10}
        - {name: status, type: text, one_of: [new, paid, shipped]}
      """;

  @TempDir
  Path directory;

  DriverManagerDataSource database;
  JdbcTemplate jdbc;
  DefinitionsApplier applier;

  @BeforeEach
  void migratedDatabase() {
    database = new DriverManagerDataSource(TestInfrastructure.newDatabase());
    Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
    jdbc = new JdbcTemplate(database);
    applier = new DefinitionsApplier(JdbcClient.create(jdbc), new DataSourceTransactionManager(database), Duration.ofSeconds(5), null);
  }

  @Test
  void theShippedDefinitionsMakeTheHiringTablesAsVersion1AndApplyingThemAgainChangesNothing() {
    DefinitionsApplier.Applied first = applier.applyAtStart(TestDefinitions.shipped(), "test");

    assertThat(first.version()).isEqualTo(1);
    assertThat(first.changes()).containsExactly("created table departments", "created table departments_errors",
        "created table jobs", "created table jobs_errors", "created table hired_employees",
        "created table hired_employees_errors");
    assertThat(columns("hired_employees")).containsExactly("id integer not null", "name character varying(255) not null",
        "datetime timestamp with time zone not null", "department_id integer not null", "job_id integer not null");
    assertThat(jdbc.queryForList("SELECT conname FROM pg_constraint WHERE conrelid = 'hired_employees'::regclass "
        + "AND contype = 'f' ORDER BY 1", String.class)).hasSize(2);
    DefinitionsApplier.Applied again = applier.applyAtStart(TestDefinitions.shipped(), "test");
    assertThat(again.changed()).isFalse();
    assertThat(again.version()).isEqualTo(1);
    assertThat(TestDefinitions.applied(database).names()).containsExactly("departments", "jobs", "hired_employees");
  }

  @Test
  void theSchemasOfTheClassesOfBeforeAreKeptUnderTheirFingerprintsAndNamedAsAliases() {
    List<Map<String, Object>> kept = jdbc.queryForList("SELECT fingerprint, schema FROM table_schemas");
    assertThat(kept).hasSize(3).allSatisfy(row -> assertThat(SchemaNormalization.parsingFingerprint64(
        new Schema.Parser().parse((String) row.get("schema")))).isEqualTo(row.get("fingerprint")));

    applier.applyAtStart(TestDefinitions.shipped(), "test");

    Schema hires = TestDefinitions.applied(database).table("hired_employees").orElseThrow().validSchema();
    assertThat(hires.getAliases()).containsExactly("dev.rowgate.avro.HiredEmployee");
    assertThat(hires.getField("rowgate_origin").aliases()).containsExactly("origin");
  }

  @Test
  void tablesThatTheMigrationsOfBeforeMadeAreTakenOverWithTheirRows() {
    jdbc.execute("""
        CREATE TABLE departments (id integer PRIMARY KEY CHECK (id > 0), department varchar(255) NOT NULL);
        CREATE TABLE jobs (id integer PRIMARY KEY CHECK (id > 0), job varchar(255) NOT NULL);
        CREATE TABLE hired_employees (id integer PRIMARY KEY CHECK (id > 0), name varchar(255) NOT NULL,
            datetime timestamptz NOT NULL, department_id integer NOT NULL REFERENCES departments (id),
            job_id integer NOT NULL REFERENCES jobs (id));
        INSERT INTO departments VALUES (1, 'Sales');
        INSERT INTO jobs VALUES (1, 'Clerk');
        INSERT INTO hired_employees VALUES (1, 'Ann', '2021-01-01T00:00:00Z', 1, 1)""");

    DefinitionsApplier.Applied applied = applier.applyAtStart(TestDefinitions.shipped(), "test");

    assertThat(applied.changes()).contains("took over table hired_employees, which exists and matches its definition");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM hired_employees", Long.class)).isEqualTo(1);
  }

  @Test
  void additiveChangesApplyToATableThatHoldsRows() {
    apply(ORDERS);
    jdbc.update("INSERT INTO orders VALUES (1, 1, 'first', 'new')");

    DefinitionsApplier.Applied applied = apply(ORDERS.replace("max_length: 10", "max_length: 50")
        .replace("[new, paid, shipped]", "[new, paid, shipped, lost]") + """
          - {name: channel, type: text, default: web}
          - {name: coupon, type: text, required: false}
        """);

    assertThat(applied.version()).isEqualTo(2);
    assertThat(applied.changes()).containsExactly("orders.note: up to 50 characters",
        "orders.status: rules one of new, paid, shipped, lost", "orders: column channel added (text, required, default web)",
        "orders: column coupon added (text, optional)");
    assertThat(jdbc.queryForMap("SELECT note, channel, coupon FROM orders")).containsEntry("channel", "web")
        .containsEntry("coupon", null).containsEntry("note", "first");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM table_schemas WHERE table_name = 'orders'", Long.class))
        .isEqualTo(2);
  }

  @Test
  void aBreakingChangeIsRefusedWithTheFileTableColumnAndWhyAndNothingChanges() {
    apply(ORDERS);

    assertThatThrownBy(() -> apply(ORDERS.replace("{name: number, type: integer, min: 1}",
        "{name: number, type: bigint}").replace("  - {name: note, type: text, max_length: 10}\n", "") + """
          - {name: paid, type: boolean}
        """)).isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.problems())
        .extracting(DefinitionException.Problem::toString).containsExactly(
            "orders.yaml: orders.note: dropped (a rename is a drop and an add): the rows the table holds and the records "
                + "in its topics have values for it; a column is not dropped",
            "orders.yaml: orders.number: the type changes from integer to bigint: the rows the table holds and the "
                + "records in its topics are of the old type; a column's type does not change",
            "orders.yaml: orders.paid: a new column that every row must give, without a default: the rows the table "
                + "holds and the records in its topics have no value for it; make it optional (required: false) or "
                + "give it a default"));

    assertThat(version()).isEqualTo(1);
    assertThat(columns("orders")).containsExactly("customer bigint not null", "number integer not null",
        "note character varying(10) not null", "status text not null");
  }

  @Test
  void aRuleThatRowsAlreadyStoredBreakIsRefusedWithExamplesOfThem() {
    apply(ORDERS);
    jdbc.update("INSERT INTO orders VALUES (1, 1, 'long note', 'shipped'), (1, 2, 'x', 'new')");

    assertThatThrownBy(() -> apply(ORDERS.replace("max_length: 10", "max_length: 5")
        .replace("[new, paid, shipped]", "[new, paid]")))
        .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.problems())
            .extracting(DefinitionException.Problem::toString).containsExactly(
                "orders.yaml: orders.note: 1 row the table holds breaks the column's rules, e.g. the row of key [1, 1]: "
                    + "note has 9 characters, more than 5",
                "orders.yaml: orders.status: 1 row the table holds breaks the column's rules, e.g. the row of key [1, 1]: "
                    + "status 'shipped' is not one of new, paid"));
    assertThat(version()).isEqualTo(1);
  }

  @Test
  void aTableMadeByHandIsTakenOverWhenItMatchesAndRefusedWithItsDifferencesWhenNot() {
    jdbc.execute("CREATE TABLE orders (customer bigint, number integer, note text, status text)");

    assertThatThrownBy(() -> apply(ORDERS)).isInstanceOfSatisfying(DefinitionException.class, e ->
        assertThat(e.getMessage()).isEqualTo("orders.yaml: orders: the database holds a table of this name that "
            + "differs from its definition: column customer may be null, the definition makes it required; column number "
            + "may be null, the definition makes it required; column note is text, the definition makes it character "
            + "varying(10); column status may be null, the definition makes it required; it has no primary key; the "
            + "definition's key is [customer, number]; change the table or the definition, or drop the table"));
    assertThat(version()).isZero();

    jdbc.execute("DROP TABLE orders");
    jdbc.execute("CREATE TABLE orders (customer bigint, number integer, note varchar(10) NOT NULL, status text NOT NULL, "
        + "PRIMARY KEY (customer, number))");
    jdbc.update("INSERT INTO orders VALUES (3, 1, 'kept', 'paid')");
    assertThat(apply(ORDERS).changes()).containsExactly(
        "took over table orders, which exists and matches its definition", "created table orders_errors");
    assertThat(jdbc.queryForObject("SELECT note FROM orders", String.class)).isEqualTo("kept");
  }

  @Test
  void aReferenceThatStoredRowsBreakIsRefused() {
    write("customers.yaml", "table: customers\nkey: id\ncolumns: [{name: id, type: bigint}]\n");
    apply(ORDERS);
    jdbc.update("INSERT INTO customers VALUES (1)");
    jdbc.update("INSERT INTO orders VALUES (1, 1, 'a', 'new'), (2, 1, 'b', 'new')");

    assertThatThrownBy(() -> apply(ORDERS.replace("{name: customer, type: bigint}",
        "{name: customer, type: bigint, references: customers}")))
        .hasMessage("orders.yaml: orders.customer: rows the table holds name customers 2, which customers lacks");
    assertThat(version()).isEqualTo(1);
  }

  @Test
  void anInstanceOfAnEarlierReleaseFollowsTheLatestVersionInsteadOfTakingTheDatabaseBack() {
    Definitions earlier = definitions(ORDERS);
    applier.applyAtStart(earlier, "test");
    apply(ORDERS + "  - {name: coupon, type: text, required: false}\n");

    DefinitionsApplier.Applied restarted = applier.applyAtStart(earlier, "test");

    assertThat(restarted.changed()).isFalse();
    assertThat(restarted.version()).isEqualTo(2);
    assertThat(restarted.changes()).containsExactly("the files are those of version 1, older than version 2, which "
        + "stays applied");
  }

  @Test
  void aDryRunSaysWhatWouldChangeAndChangesNothing() {
    DefinitionsApplier.Applied dry = applier.apply(definitions(ORDERS), "test", true);

    assertThat(dry.changes()).containsExactly("created table orders", "created table orders_errors");
    assertThat(version()).isZero();
    assertThat(jdbc.queryForObject("SELECT to_regclass('orders') IS NULL", Boolean.class)).isTrue();
  }

  private DefinitionsApplier.Applied apply(String orders) {
    return applier.apply(definitions(orders), "test", false);
  }

  private Definitions definitions(String orders) {
    write("orders.yaml", orders);
    return DefinitionFiles.read(directory);
  }

  private void write(String file, String text) {
    try {
      Files.writeString(directory.resolve(file), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int version() {
    return jdbc.queryForObject("SELECT coalesce(max(version), 0) FROM table_definitions", Integer.class);
  }

  private List<String> columns(String table) {
    return jdbc.queryForList("SELECT attname || ' ' || format_type(atttypid, atttypmod) || CASE WHEN attnotnull "
        + "THEN ' not null' ELSE '' END FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0 "
        + "AND NOT attisdropped ORDER BY attnum", String.class, table);
  }
}
