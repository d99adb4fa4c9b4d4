package dev.rowgate.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rowgate.avro.Channel;
import dev.rowgate.avro.Origin;
import dev.rowgate.avro.SourceOffset;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.SchemaStore;
import org.junit.jupiter.api.Test;

class ValidRowSchemaTest {

  static final Origin ORIGIN = new Origin(Channel.API_JSON, "b-1", 3, null, null, Instant.parse("2026-01-01T00:00:00Z"));
  static final SourceOffset SOURCE = new SourceOffset("rowgate.orders.raw", 1, 99L);

  static final String ORDERS = """
      table: orders
      key: id
      columns:
        - {name: id, type: integer}
        - {name: total, type: decimal, precision: 10, scale: 2}
        - {name: placed, type: date}
        - {name: at, type: timestamp}
        - {name: token, type: uuid}
        - {name: paid, type: boolean}
        - {name: note, type: text}
      """;

  /** The schema of valid hires before the definitions were files, as the generated class HiredEmployee had it. */
  static final String HIRED_EMPLOYEE_BEFORE_DEFINITIONS = "{\"type\":\"record\",\"name\":\"HiredEmployee\","
      + "\"namespace\":\"dev.rowgate.avro\",\"fields\":[{\"name\":\"id\",\"type\":\"int\"},{\"name\":\"name\","
      + "\"type\":{\"type\":\"string\",\"avro.java.string\":\"String\"}},{\"name\":\"datetime\",\"type\":{\"type\":"
      + "\"long\",\"logicalType\":\"timestamp-micros\"}},{\"name\":\"department_id\",\"type\":\"int\"},{\"name\":"
      + "\"job_id\",\"type\":\"int\"},{\"name\":\"origin\",\"type\":" + Origin.getClassSchema() + "},{\"name\":"
      + "\"source\",\"type\":" + SourceOffset.getClassSchema() + "}]}";

  @Test
  void aValidRowTravelsWithEveryColumnAsItsJavaType() {
    Table orders = table(ORDERS);
    GenericData.Record row = RowCodec.newRow(orders.validSchema());
    row.put("id", 7);
    row.put("total", new BigDecimal("12.50"));
    row.put("placed", LocalDate.of(2021, 11, 7));
    row.put("at", Instant.parse("2021-11-07T02:48:42.123456Z"));
    row.put("token", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    row.put("paid", true);
    row.put("note", null);
    row.put(ValidRowSchema.ORIGIN, ORIGIN);
    row.put(ValidRowSchema.SOURCE, SOURCE);

    GenericRecord decoded = codec(orders.validSchema()).decode(orders.validSchema(), RowCodec.encode(row));

    for (Schema.Field field : orders.validSchema().getFields()) {
      assertThat(decoded.get(field.pos())).as(field.name()).isEqualTo(row.get(field.pos()));
    }
    assertThat(decoded.get(ValidRowSchema.ORIGIN)).isInstanceOf(Origin.class);
  }

  @Test
  void aRecordWrittenBeforeAColumnWasAddedIsReadWithItsDefault() {
    Table before = table(ORDERS);
    Table after = table(ORDERS + "  - {name: channel, type: text, default: web}\n"
        + "  - {name: coupon, type: text, required: false}\n");
    GenericData.Record row = RowCodec.newRow(before.validSchema());
    row.put("id", 7);
    row.put(ValidRowSchema.ORIGIN, ORIGIN);
    row.put(ValidRowSchema.SOURCE, SOURCE);

    GenericRecord read = codec(before.validSchema()).decode(after.validSchema(), RowCodec.encode(row));

    assertThat(read.get("channel")).isEqualTo("web");
    assertThat(read.get("coupon")).isNull();
    assertThat(read.get("id")).isEqualTo(7);
  }

  @Test
  void aDefaultOfEveryTypeIsWhatARecordOfBeforeTheColumnReadsAs() {
    Table before = table(ORDERS);
    Table after = table(ORDERS + """
          - {name: d_integer, type: integer, default: -7}
          - {name: d_bigint, type: bigint, default: 9000000000}
          - {name: d_decimal, type: decimal, precision: 8, scale: 3, default: -12.5}
          - {name: d_text, type: text, default: "it's"}
          - {name: d_boolean, type: boolean, default: yes}
          - {name: d_date, type: date, default: 1999-12-31}
          - {name: d_timestamp, type: timestamp, default: "2021-11-07T02:48:42.5+01:00"}
          - {name: d_uuid, type: uuid, default: 123E4567-E89B-12D3-A456-426614174000}
          - {name: d_optional, type: integer, required: false, default: 3}
        """);
    GenericData.Record row = RowCodec.newRow(before.validSchema());
    row.put("id", 1);
    row.put(ValidRowSchema.ORIGIN, ORIGIN);
    row.put(ValidRowSchema.SOURCE, SOURCE);

    GenericRecord read = codec(before.validSchema()).decode(after.validSchema(), RowCodec.encode(row));

    assertThat(read.get("d_integer")).isEqualTo(-7);
    assertThat(read.get("d_bigint")).isEqualTo(9_000_000_000L);
    assertThat(read.get("d_decimal")).isEqualTo(new BigDecimal("-12.500"));
    assertThat(read.get("d_text")).isEqualTo("it's");
    assertThat(read.get("d_boolean")).isEqualTo(true);
    assertThat(read.get("d_date")).isEqualTo(LocalDate.of(1999, 12, 31));
    assertThat(read.get("d_timestamp")).isEqualTo(Instant.parse("2021-11-07T01:48:42.5Z"));
    assertThat(read.get("d_uuid")).isEqualTo(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    assertThat(read.get("d_optional")).isEqualTo(3);
  }

  @Test
  void aHireWrittenBeforeTheDefinitionsWereFilesIsReadIntoTheSchemaOfItsDefinition() {
    Schema legacy = new Schema.Parser().parse(HIRED_EMPLOYEE_BEFORE_DEFINITIONS);
    TableDefinition hires = DefinitionFiles.read(DefinitionFilesTest.SHIPPED).table("hired_employees").orElseThrow()
        .definition();
    Schema now = ValidRowSchema.of(hires, List.of(legacy));
    GenericData.Record old = new GenericData.Record(legacy);
    old.put("id", 1);
    old.put("name", "Ann");
    old.put("datetime", 1_636_253_322_000_000L);
    old.put("department_id", 2);
    old.put("job_id", 96);
    old.put("origin", ORIGIN);
    old.put("source", SOURCE);

    GenericRecord read = codec(legacy).decode(now, RowCodec.encode(old));

    assertThat(read.get("datetime")).isEqualTo(Instant.parse("2021-11-07T02:48:42Z"));
    assertThat(read.get("name")).isEqualTo("Ann");
    assertThat(read.get(ValidRowSchema.ORIGIN)).isEqualTo(ORIGIN);
    assertThat(read.get(ValidRowSchema.SOURCE)).isEqualTo(SOURCE);
  }

  private static Table table(String yaml) {
    return DefinitionFiles.parse(Map.of("orders.yaml", yaml)).table("orders").orElseThrow();
  }

  private static RowCodec codec(Schema writer) {
    SchemaStore.Cache store = new SchemaStore.Cache();
    store.addSchema(writer);
    return new RowCodec(store, null);
  }
}
