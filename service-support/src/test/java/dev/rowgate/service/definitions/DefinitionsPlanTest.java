package dev.rowgate.service.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.rowgate.schema.DefinitionException;
import dev.rowgate.schema.DefinitionFiles;
import dev.rowgate.schema.Definitions;
import dev.rowgate.schema.TableDefinition;
import org.junit.jupiter.api.Test;

class DefinitionsPlanTest {

  static final String ORDERS = """
      table: orders
      key: id
      columns:
        - {name: id, type: integer}
        - {name: note, type: text, max_length: 20}
        - {name: total, type: decimal, precision: 10, scale: 2}
      """;

  static final ExistingTable ORDERS_TABLE = new ExistingTable("orders", new LinkedHashMap<>(Map.of(
      "id", new ExistingTable.ExistingColumn("integer", true),
      "note", new ExistingTable.ExistingColumn("character varying(20)", true),
      "total", new ExistingTable.ExistingColumn("numeric(10,2)", true))), List.of("id"), Map.of(), Set.of("id"));

  static final ExistingTable ORDERS_ERRORS = new ExistingTable("orders_errors", new LinkedHashMap<>(
      TableDdl.ERRORS_COLUMNS.stream().collect(java.util.stream.Collectors.toMap(c -> c,
          c -> new ExistingTable.ExistingColumn("text", false)))), List.of("id"), Map.of(), Set.of());

  @Test
  void aNewTableIsCreatedWithItsErrorsTable() {
    DefinitionsPlan plan = plan(List.of(), ORDERS, Map.of());

    assertThat(plan.problems).isEmpty();
    assertThat(plan.steps).extracting(DefinitionsPlan.Step::change)
        .containsExactly("created table orders", "created table orders_errors");
    assertThat(plan.steps.get(0).sql().get(0)).contains("\"note\" varchar(20) NOT NULL", "\"total\" numeric(10,2) NOT NULL",
        "PRIMARY KEY (\"id\")");
  }

  @Test
  void additiveChangesApplyAndCheckTheStoredRowsWhereARuleIsStricter() {
    DefinitionsPlan plan = plan(applied(ORDERS), """
        table: orders
        key: id
        columns:
          - {name: id, type: integer, min: 1}
          - {name: note, type: text, max_length: 200, required: false}
          - {name: total, type: decimal, precision: 10, scale: 2}
          - {name: channel, type: text, default: web}
          - {name: coupon, type: text, required: false}
        """, Map.of("orders", ORDERS_TABLE, "orders_errors", ORDERS_ERRORS));

    assertThat(plan.problems).isEmpty();
    assertThat(plan.steps).extracting(DefinitionsPlan.Step::change).containsExactly(
        "orders.id: rules min 1",
        "orders.note: now optional, up to 200 characters",
        "orders: column channel added (text, required, default web)",
        "orders: column coupon added (text, optional)");
    assertThat(plan.steps.get(2).sql()).containsExactly(
        "ALTER TABLE \"orders\" ADD COLUMN \"channel\" text NOT NULL DEFAULT 'web'");
    assertThat(plan.rowChecks).extracting(check -> check.column().name()).containsExactly("id");
  }

  @Test
  void everyBreakingChangeIsRefusedWithItsFileTableColumnAndReason() {
    DefinitionsPlan plan = plan(applied(ORDERS), """
        table: orders
        key: [id, total]
        columns:
          - {name: id, type: bigint}
          - {name: total, type: decimal, precision: 10, scale: 2}
          - {name: paid, type: boolean}
        """, Map.of("orders", ORDERS_TABLE, "orders_errors", ORDERS_ERRORS));

    assertThat(plan.problems).extracting(DefinitionException.Problem::toString).containsExactly(
        "orders.yaml: orders: the key changes from [id] to [id, total]; a table's key does not change",
        "orders.yaml: orders.note: dropped (a rename is a drop and an add): the rows the table holds and the records in "
            + "its topics have values for it; a column is not dropped",
        "orders.yaml: orders.id: the type changes from integer to bigint: the rows the table holds and the records in "
            + "its topics are of the old type; a column's type does not change",
        "orders.yaml: orders.paid: a new column that every row must give, without a default: the rows the table holds "
            + "and the records in its topics have no value for it; make it optional (required: false) or give it a "
            + "default");
  }

  @Test
  void columnsKeepTheirOrderAndNewOnesComeLast() {
    DefinitionsPlan plan = plan(applied(ORDERS), """
        table: orders
        key: id
        columns:
          - {name: id, type: integer}
          - {name: coupon, type: text, required: false}
          - {name: note, type: text, max_length: 20}
          - {name: total, type: decimal, precision: 10, scale: 2}
        """, Map.of("orders", ORDERS_TABLE, "orders_errors", ORDERS_ERRORS));

    assertThat(plan.problems).singleElement().asString().contains("new columns go after the existing ones");
  }

  @Test
  void aTableIsNotDropped() {
    DefinitionsPlan plan = plan(applied(ORDERS), """
        table: other
        key: id
        columns: [{name: id, type: integer}]
        """, Map.of("orders", ORDERS_TABLE, "orders_errors", ORDERS_ERRORS));

    assertThat(plan.problems).extracting(DefinitionException.Problem::toString).first().asString()
        .startsWith("orders.yaml: orders: dropped:");
  }

  @Test
  void aTableMadeByHandIsTakenOverWhenItMatchesAndRefusedWithTheDifferencesWhenNot() {
    DefinitionsPlan matching = plan(List.of(), ORDERS, Map.of("orders", ORDERS_TABLE));
    assertThat(matching.problems).isEmpty();
    assertThat(matching.steps).extracting(DefinitionsPlan.Step::change).containsExactly(
        "took over table orders, which exists and matches its definition", "created table orders_errors");
    assertThat(matching.rowChecks).hasSize(3);

    ExistingTable different = new ExistingTable("orders", new LinkedHashMap<>(Map.of(
        "id", new ExistingTable.ExistingColumn("integer", true),
        "note", new ExistingTable.ExistingColumn("text", false),
        "extra", new ExistingTable.ExistingColumn("integer", false))), List.of(), Map.of(), Set.of());
    DefinitionsPlan refused = plan(List.of(), ORDERS, Map.of("orders", different));
    assertThat(refused.problems).singleElement().asString().isEqualTo("orders.yaml: orders: the database holds a "
        + "table of this name that differs from its definition: column note is text, the definition makes it "
        + "character varying(20); it has no column total; its column extra is not in the definition; it has no primary "
        + "key; the definition's key is [id]; change the table or the definition, or drop the table");
  }

  private static List<TableDefinition> applied(String yaml) {
    return files(yaml).definitions();
  }

  private static DefinitionsPlan plan(List<TableDefinition> applied, String yaml, Map<String, ExistingTable> existing) {
    return DefinitionsPlan.of(applied, files(yaml), existing);
  }

  private static Definitions files(String yaml) {
    String name = yaml.substring(7, yaml.indexOf('\n'));
    return DefinitionFiles.parse(Map.of(name + ".yaml", yaml));
  }
}
