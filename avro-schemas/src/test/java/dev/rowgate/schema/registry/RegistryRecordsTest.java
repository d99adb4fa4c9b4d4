package dev.rowgate.schema.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rowgate.avro.JsonValue;
import dev.rowgate.avro.RawField;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class RegistryRecordsTest {

  static final Schema ORDER = new Schema.Parser().parse("""
      {"type": "record", "name": "Order", "fields": [
        {"name": "id", "type": "int"},
        {"name": "total", "type": {"type": "bytes", "logicalType": "decimal", "precision": 8, "scale": 2}},
        {"name": "placed_on", "type": {"type": "int", "logicalType": "date"}},
        {"name": "placed_at", "type": ["null", {"type": "long", "logicalType": "timestamp-micros"}]},
        {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}},
        {"name": "gift", "type": "boolean"},
        {"name": "weight", "type": "float"},
        {"name": "lines", "type": {"type": "array", "items": "string"}}]}""");

  @Test
  void aProducersRecordBecomesTheFieldsAClientWouldSendByName() {
    GenericRecord order = new GenericData.Record(ORDER);
    order.put("id", 7);
    order.put("total", ByteBuffer.wrap(new BigDecimal("12.50").unscaledValue().toByteArray()));
    order.put("placed_on", 18993);
    order.put("placed_at", 1_640_995_200_000_001L);
    order.put("status", new GenericData.EnumSymbol(ORDER.getField("status").schema(), "PAID"));
    order.put("gift", true);
    order.put("weight", 1.5f);
    order.put("lines", new GenericData.Array<>(ORDER.getField("lines").schema(), List.of("a")));

    Map<String, Object> fields = new LinkedHashMap<>();
    for (RawField field : RegistryRecords.fields(order)) {
      fields.put(field.getName(), field.getValue() instanceof JsonValue json ? json.getJson() : field.getValue());
    }

    assertThat(fields).containsExactly(Map.entry("id", 7L), Map.entry("total", "12.50"),
        Map.entry("placed_on", "2022-01-01"), Map.entry("placed_at", "2022-01-01T00:00:00.000001Z"),
        Map.entry("status", "PAID"), Map.entry("gift", true), Map.entry("weight", 1.5d),
        Map.entry("lines", "[\"a\"]"));
  }

  @Test
  void theWireFormatIsAZeroByteTheIdInFourBytesAndTheBinary() throws IOException {
    Schema job = new Schema.Parser().parse("""
        {"type": "record", "name": "Job", "fields": [{"name": "id", "type": "int"}]}""");
    GenericRecord row = new GenericData.Record(job);
    row.put("id", 3);

    byte[] bytes = WireFormat.encode(258, row, GenericData.get());

    assertThat(bytes).containsExactly(0, 0, 0, 1, 2, 6);
    assertThat(WireFormat.is(bytes)).isTrue();
    assertThat(WireFormat.id(bytes)).isEqualTo(258);
    GenericRecord read = WireFormat.decode(bytes, job, job, GenericData.get());
    assertThat(read.get("id")).isEqualTo(3);
    assertThat(WireFormat.is(new byte[] {(byte) 0xC3, 1, 0, 0, 0})).isFalse();
    assertThat(WireFormat.is("{\"id\": 3}".getBytes())).isFalse();
  }
}
