package dev.rowgate.dbwriter.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.rowgate.avro.Channel;
import dev.rowgate.avro.Origin;
import dev.rowgate.avro.SourceOffset;
import dev.rowgate.dbwriter.errors.Reject;
import dev.rowgate.schema.DefinitionFiles;
import dev.rowgate.schema.RowCodec;
import dev.rowgate.schema.RowKeys;
import dev.rowgate.schema.Table;
import dev.rowgate.schema.ValidRowSchema;
import dev.rowgate.service.test.TestDefinitions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class RowSplitTest {

  static final Table HIRES = TestDefinitions.table("hired_employees");

  /** The database of this test: departments 1 and 2, job 1, hire 10 already written, and order (7, 1). */
  static final Map<String, Set<String>> DATABASE = Map.of("departments", Set.of("1", "2"), "jobs", Set.of("1"),
      "hired_employees", Set.of("10"), "orders", Set.of("[\"7\",\"1\"]"), "customers", Set.of("7"));

  static final Table ORDERS = DefinitionFiles.parse(Map.of("customers.yaml", """
      table: customers
      key: id
      columns: [{name: id, type: bigint}]
      """, "orders.yaml", """
      table: orders
      key: [customer_id, number]
      columns:
        - {name: customer_id, type: bigint, references: customers}
        - {name: number, type: integer}
        - {name: coupon, type: bigint, required: false, references: customers}
      """)).table("orders").orElseThrow();

  @Test
  void rowsNamingAMissingRowAreRefusedWithEveryMissingReference() {
    RowSplit split = split(HIRES, hire(1, 1, 1, "a"), hire(2, 9, 7, "b"));

    assertThat(split.fresh()).extracting(r -> r.get("id")).containsExactly(1);
    assertThat(split.refused()).singleElement().extracting(refusal -> refusal.reject(HIRES)).satisfies(reject -> {
      assertThat(reject.cause()).isEqualTo(Reject.Cause.REFUSED_BY_WRITER);
      assertThat(reject.row().getReasons()).extracting(r -> r.getField() + ": " + r.getMessage()).containsExactly(
          "department_id: department_id 9 names no row of departments", "job_id: job_id 7 names no row of jobs");
      assertThat(reject.row().getFields()).extracting(f -> f.getName() + "=" + f.getValue())
          .containsExactly("id=2", "name=b", "datetime=2021-01-01T00:00:00Z", "department_id=9", "job_id=7");
    });
  }

  @Test
  void theLastGoodRowOfAnIdWinsAndGoesToTheUpsertsWhenTheTableHoldsItsId() {
    RowSplit split = split(HIRES, hire(3, 1, 1, "first"), hire(10, 1, 1, "old id"), hire(3, 2, 1, "second"),
        hire(3, 99, 1, "refused last"));

    assertThat(split.fresh()).extracting(r -> r.get("id") + " " + r.get("name")).containsExactly("3 second");
    assertThat(split.existing()).extracting(r -> r.get("id") + " " + r.get("name")).containsExactly("10 old id");
    assertThat(split.refused()).hasSize(1);
  }

  @Test
  void aKeyOfSeveralColumnsIsOneKeyAndAnOptionalReferenceNamingNoRowIsNoRefusal() {
    RowSplit split = split(ORDERS, order(7, 1, null), order(7, 2, null), order(7, 2, 7L), order(8, 1, null),
        order(7, 3, 9L));

    assertThat(split.existing()).extracting(RowSplitTest::key).containsExactly("[\"7\",\"1\"]");
    assertThat(split.fresh()).extracting(RowSplitTest::key).containsExactly("[\"7\",\"2\"]");
    assertThat(split.fresh().get(0).get("coupon")).isEqualTo(7L);
    assertThat(split.refused()).extracting(r -> r.reasons().get(0).getMessage())
        .containsExactly("customer_id 8 names no row of customers", "coupon 9 names no row of customers");
  }

  private static RowSplit split(Table table, GenericRecord... rows) {
    return RowSplit.of(table, List.of(rows), (name, columns, types, keys, lock) -> keys.stream().map(RowKeys::text)
        .filter(DATABASE.get(name)::contains).collect(Collectors.toSet()), true);
  }

  private static String key(GenericRecord row) {
    return RowKeys.of(ORDERS, row);
  }

  private static GenericRecord hire(int id, int department, int job, String name) {
    return row(HIRES, Map.of("id", id, "name", name, "datetime", Instant.parse("2021-01-01T00:00:00Z"),
        "department_id", department, "job_id", job), id);
  }

  private static GenericRecord order(long customer, int number, Long coupon) {
    GenericRecord row = row(ORDERS, Map.of("customer_id", customer, "number", number), number);
    row.put("coupon", coupon);
    return row;
  }

  private static GenericRecord row(Table table, Map<String, Object> values, int index) {
    GenericData.Record row = RowCodec.newRow(table.validSchema());
    values.forEach(row::put);
    row.put(ValidRowSchema.ORIGIN, new Origin(Channel.API_JSON, "b", index, null, null, Instant.EPOCH));
    row.put(ValidRowSchema.SOURCE, new SourceOffset("t", 0, (long) index));
    return row;
  }
}
