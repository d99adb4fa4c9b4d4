package dev.rowgate.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DefinitionFilesTest {

  static final Path SHIPPED = Path.of("..", "definitions");

  static final String CUSTOMERS = """
      table: customers
      description: People who order.
      key: id
      columns:
        - name: id
          type: bigint
        - name: email
          type: text
          pattern: '[^@ ]+@[^@ ]+'
      """;

  @Test
  void theShippedDefinitionsAreTheHiringTablesWithTheirRulesReferencedTablesFirst() {
    Definitions definitions = DefinitionFiles.read(SHIPPED);

    assertThat(definitions.names()).containsExactly("departments", "jobs", "hired_employees");
    TableDefinition hires = definitions.table("hired_employees").orElseThrow().definition();
    assertThat(hires.key()).containsExactly("id");
    assertThat(hires.columns()).extracting(Column::name)
        .containsExactly("id", "name", "datetime", "department_id", "job_id");
    assertThat(hires.columns()).allMatch(Column::mustBeGiven);
    assertThat(hires.column("name").orElseThrow().rules()).isEqualTo(new Column.Rules(true, null, null, 255, null, null));
    assertThat(hires.column("department_id").orElseThrow().references())
        .isEqualTo(new Column.Reference("departments", "id"));
    assertThat(hires.column("id").orElseThrow().rules().min()).isEqualTo("1");
  }

  @Test
  void definitionsTravelAsJsonUnchanged() {
    List<TableDefinition> tables = DefinitionFiles.parse(Map.of("customers.yaml", CUSTOMERS, "orders.yaml", """
        table: orders
        key: [customer_id, number]
        columns:
          - {name: customer_id, type: bigint, references: customers}
          - {name: number, type: integer, min: 1}
          - {name: total, type: decimal, precision: 10, scale: 2, min: 0}
          - {name: placed, type: date, max: 2099-12-31}
          - {name: paid, type: boolean, default: false}
          - {name: state, type: text, one_of: [new, shipped], required: false}
          - {name: token, type: uuid, required: no}
        """)).definitions();

    assertThat(DefinitionsJson.read(DefinitionsJson.write(tables))).isEqualTo(tables);
  }

  @Test
  void aFileThatIsNotYamlIsRefusedWithItsLine() {
    assertProblems(Map.of("jobs.yaml", "table: jobs\nkey: id\ncolumns:\n  - name: id\n    type: [integer\n"),
        "jobs.yaml:6: not valid YAML:");
  }

  @Test
  void anUnknownTypeOrRuleIsRefusedWithTheLineItIsOn() {
    assertProblems(Map.of("jobs.yaml", """
            table: jobs
            key: id
            columns:
              - name: id
                type: int
              - name: job
                type: text
                maxlength: 20
            """),
        "jobs.yaml:5: column 'id' has the unknown type 'int'; types: integer, bigint, decimal, text, boolean, date, "
            + "timestamp, uuid",
        "jobs.yaml:8: unknown key 'maxlength'; a column has name, type, description, required, default, not_blank, "
            + "min, max, max_length, pattern, one_of, references, precision, scale");
  }

  @Test
  void aColumnDeclaredTwiceAndAKeyThatIsNoColumnAreRefused() {
    assertProblems(Map.of("jobs.yaml", """
            table: jobs
            key: [id, code]
            columns:
              - name: id
                type: integer
              - name: id
                type: text
            """),
        "jobs.yaml:6: column 'id' is declared twice (first at line 4)",
        "jobs.yaml:2: key column 'code' is not a column of the table");
  }

  @Test
  void namesThatAreNotPlainSqlIdentifiersOrThatRowgateKeepsAreRefused() {
    assertProblems(Map.of("Jobs.yaml", """
            table: Jobs
            key: id
            columns:
              - {name: id, type: integer}
              - {name: "job name", type: text}
              - {name: rowgate_origin, type: text}
            """),
        "Jobs.yaml:1: table name 'Jobs' is not a plain SQL identifier: lower-case letters, digits and underscores, "
            + "not starting with a digit",
        "Jobs.yaml:5: column name 'job name' is not a plain SQL identifier: lower-case letters, digits and "
            + "underscores, not starting with a digit",
        "Jobs.yaml:6: column name 'rowgate_origin' is one rowgate or PostgreSQL keeps for itself");
    assertProblems(Map.of("jobs_errors.yaml", "table: jobs_errors\nkey: id\ncolumns: [{name: id, type: integer}]\n"),
        "jobs_errors.yaml:1: table name 'jobs_errors' ends in _errors, which names the errors table of another table");
  }

  @Test
  void aReferenceToAnUnknownTableOrColumnOrOfAnotherTypeIsRefused() {
    assertProblems(Map.of("customers.yaml", CUSTOMERS, "orders.yaml", """
            table: orders
            key: id
            columns:
              - {name: id, type: integer}
              - {name: customer_id, type: integer, references: customers}
              - {name: shop_id, type: integer, references: shops}
              - {name: email, type: text, references: {table: customers, column: mail}}
            """),
        "orders.yaml:5: column 'customer_id' is integer, but the key customers.id it references is bigint; a reference "
            + "has the type of the key it names",
        "orders.yaml:6: column 'shop_id' references table 'shops', which no definition declares",
        "orders.yaml:7: column 'email' references column 'mail', which is not a column of customers");
  }

  @Test
  void aCycleOfReferencesIsRefusedOnceAtTheReferenceThatStartsIt() {
    assertProblems(Map.of("a.yaml", """
            table: a
            key: id
            columns:
              - {name: id, type: integer}
              - {name: b_id, type: integer, references: b}
            """, "b.yaml", """
            table: b
            key: id
            columns:
              - {name: id, type: integer}
              - {name: a_id, type: integer, required: false, references: a}
            """, "c.yaml", """
            table: c
            key: id
            columns:
              - {name: id, type: integer}
              - {name: parent, type: integer, references: c}
            """),
        "a.yaml:5: the references form a cycle: a → b → a; a table is loaded after those it references, which a cycle "
            + "makes impossible",
        "c.yaml:5: the references form a cycle: c → c; a table is loaded after those it references, which a cycle "
            + "makes impossible");
  }

  @Test
  void rulesThatDoNotFitTheirColumnAreRefused() {
    assertProblems(Map.of("t.yaml", """
            table: t
            key: id
            columns:
              - {name: id, type: integer, min: 10, max: 1}
              - {name: n, type: integer, max_length: 3}
              - {name: d, type: decimal, precision: 4, scale: 2, default: 123.5}
              - {name: s, type: text, pattern: "[a-z"}
              - {name: k, type: text, one_of: [a, a]}
              - {name: b, type: boolean, required: maybe}
              - {name: x, type: decimal}
            """),
        "t.yaml:4: column 'id': min 10 is more than max 1",
        "t.yaml:5: column 'n': max_length is a rule of text columns, not of integer",
        "t.yaml:6: column 'd': default 123.5 is not a value of decimal(4, 2): 123.5 has more than 2 digits before the "
            + "decimal point (decimal(4, 2))",
        "t.yaml:7: column 's': pattern is not a regular expression: Unclosed character class at 3 of [a-z",
        "t.yaml:8: column 'k': one_of lists a twice",
        "t.yaml:9: 'required' is true or false, not 'maybe'",
        "t.yaml:10: decimal column 'x' needs a precision from 1 to 1000 (its digits in all)");
  }

  @Test
  void aFileIsNamedAfterItsTableAndATableIsDeclaredOnce() {
    assertProblems(Map.of("jobs.yml", "table: jobs\nkey: id\ncolumns: [{name: id, type: integer}]\n",
            "job.yaml", "table: jobs\nkey: id\ncolumns: [{name: id, type: integer}]\n"),
        "job.yaml:1: the file job.yaml declares table 'jobs'; a file is named after its table (jobs.yaml)");
    assertProblems(Map.of("jobs.yml", "table: jobs\nkey: id\ncolumns: [{name: id, type: integer}]\n",
            "jobs.yaml", "table: jobs\nkey: id\ncolumns: [{name: id, type: integer}]\n"),
        "jobs.yml:1: table 'jobs' is declared in jobs.yaml too");
  }

  @Test
  void aDirectoryWithoutDefinitionsIsRefused() {
    assertThatThrownBy(() -> DefinitionFiles.read(Path.of("no-such-directory")))
        .hasMessage("no-such-directory: there is no directory of table definitions here (rowgate.definitions.directory)");
    assertThatThrownBy(() -> DefinitionFiles.read(Path.of("src", "main", "avro")))
        .hasMessageEndingWith("the directory holds no table definition (a <table>.yaml file per table)");
  }

  private static void assertProblems(Map<String, String> files, String... problems) {
    assertThatThrownBy(() -> DefinitionFiles.parse(new LinkedHashMap<>(files)))
        .isInstanceOfSatisfying(DefinitionException.class, e -> {
          List<String> found = e.problems().stream().map(DefinitionException.Problem::toString).toList();
          assertThat(found).hasSize(problems.length);
          for (int i = 0; i < problems.length; i++) {
            assertThat(found.get(i)).startsWith(problems[i]);
          }
        });
  }
}
