package dev.rowgate.backup.snapshot;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import dev.rowgate.backup.catalog.ColumnShape;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Turns a row of a result set into an Avro record of the table's schema. */
final class RowReader {

  private final List<ColumnShape> columns;
  private final Schema schema;

  RowReader(List<ColumnShape> columns, Schema schema) {
    this.columns = columns;
    this.schema = schema;
  }

  GenericRecord read(ResultSet rs) throws SQLException {
    GenericRecord record = new GenericData.Record(schema);
    for (int i = 0; i < columns.size(); i++) {
      record.put(i, value(rs, i + 1, columns.get(i).type()));
    }
    return record;
  }

  private static Object value(ResultSet rs, int index, String type) throws SQLException {
    Object value = switch (type) {
      case "int2", "int4" -> rs.getInt(index);
      case "int8" -> rs.getLong(index);
      case "bool" -> rs.getBoolean(index);
      case "float4" -> rs.getFloat(index);
      case "float8" -> rs.getDouble(index);
      case "timestamptz" -> micros(rs.getObject(index, OffsetDateTime.class));
      case "bytea" -> rs.getBytes(index) == null ? null : ByteBuffer.wrap(rs.getBytes(index));
      default -> rs.getString(index);
    };
    return rs.wasNull() ? null : value;
  }

  private static Long micros(OffsetDateTime time) {
    return time == null ? null : time.toEpochSecond() * 1_000_000L + time.getNano() / 1_000;
  }
}
