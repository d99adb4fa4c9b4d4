package dev.rowgate.schema.registry;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.rowgate.avro.JsonValue;
import dev.rowgate.avro.RawField;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A producer's record, read with the schema it registered, as the raw fields of a row: each field
 * by its name, its value as the JSON a client would send for it. Times and dates of Avro's logical
 * types become their ISO-8601 text, decimals their digits; an enum its symbol; a record, array or
 * map its JSON, which no column takes (the validator says so).
 */
public final class RegistryRecords {

  private RegistryRecords() {
  }

  public static List<RawField> fields(GenericRecord record) {
    List<RawField> fields = new ArrayList<>();
    for (Schema.Field field : record.getSchema().getFields()) {
      fields.add(new RawField(field.name(), value(field.schema(), record.get(field.pos()))));
    }
    return fields;
  }

  private static Object value(Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    if (schema.getType() == Schema.Type.UNION) {
      return value(schema.getTypes().get(GenericData.get().resolveUnion(schema, value)), value);
    }
    LogicalType logical = schema.getLogicalType();
    if (logical != null) {
      Object text = logical(logical, schema, value);
      if (text != null) {
        return text;
      }
    }
    return switch (schema.getType()) {
      case STRING, ENUM -> value.toString();
      case INT, LONG -> ((Number) value).longValue();
      case FLOAT, DOUBLE -> ((Number) value).doubleValue();
      case BOOLEAN -> value;
      default -> new JsonValue(GenericData.get().toString(value));
    };
  }

  /** A value of a logical type as the text a client would send, or null for one this does not know. */
  private static Object logical(LogicalType logical, Schema schema, Object value) {
    return switch (logical.getName()) {
      case "timestamp-millis" -> Instant.ofEpochMilli((Long) value).toString();
      case "timestamp-micros" -> Instant.EPOCH.plus((Long) value, ChronoUnit.MICROS).toString();
      case "date" -> LocalDate.ofEpochDay((Integer) value).toString();
      case "time-millis" -> LocalTime.ofNanoOfDay((Integer) value * 1_000_000L).toString();
      case "time-micros" -> LocalTime.ofNanoOfDay((Long) value * 1_000L).toString();
      case "decimal" -> decimal((LogicalTypes.Decimal) logical, value);
      case "uuid" -> value.toString();
      default -> null;
    };
  }

  private static String decimal(LogicalTypes.Decimal decimal, Object value) {
    byte[] bytes;
    if (value instanceof ByteBuffer buffer) {
      bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
    } else {
      bytes = ((GenericData.Fixed) value).bytes();
    }
    return new BigDecimal(new BigInteger(bytes), decimal.getScale()).toPlainString();
  }
}
