package dev.rowgate.backup.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.rowgate.backup.catalog.BackupTimestamps;
import dev.rowgate.backup.catalog.ColumnShape;
import dev.rowgate.backup.catalog.TableShape;
import dev.rowgate.service.problem.ApiException;
import dev.rowgate.service.sql.Sql;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.postgresql.copy.CopyOut;
import org.springframework.http.HttpStatus;

/**
 * A table's rows as PostgreSQL's {@code COPY ... TO STDOUT (FORMAT binary)} sends them, each
 * turned straight into the Avro encoding of the table's schema: no text to parse on either side,
 * no object per value. JSON, numeric, date and uuid columns are sent as text, which is what a
 * backup holds.
 */
final class BinaryCopyRows {

  private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
  private static final Set<String> SENT_AS_TEXT = Set.of("json", "jsonb", "numeric", "date", "uuid");

  private final TableShape shape;
  private final List<ColumnShape> columns;
  private final CopyOut copy;
  private final Row row = new Row();
  private final BinaryEncoder avro = EncoderFactory.get().directBinaryEncoder(row, null);
  private ByteBuffer data = ByteBuffer.allocate(0);

  /** Reads the header of {@code copy}, the COPY that {@link #sql} of {@code shape} started. */
  BinaryCopyRows(TableShape shape, CopyOut copy) throws SQLException {
    this.shape = shape;
    this.columns = shape.columns();
    this.copy = copy;
    byte[] signature = new byte[SIGNATURE.length];
    need(SIGNATURE.length + 2 * Integer.BYTES).get(signature);
    if (!Arrays.equals(signature, SIGNATURE)) {
      throw failed("did not start with the binary format's signature");
    }
    data.getInt();
    int extension = data.getInt();
    need(extension).position(data.position() + extension);
  }

  static String sql(TableShape shape) {
    return "COPY (SELECT " + shape.columns().stream()
        .map(c -> SENT_AS_TEXT.contains(c.type()) ? Sql.name(c.name()) + "::text" : Sql.name(c.name()))
        .collect(Collectors.joining(", ")) + " FROM " + Sql.name(shape.table()) + ") TO STDOUT (FORMAT binary)";
  }

  /** The next row's Avro encoding, good until the next call; null after the last row. */
  ByteBuffer next() throws SQLException, IOException {
    short fields = need(Short.BYTES).getShort();
    if (fields == -1) {
      if (data.hasRemaining() || copy.readFromCopy() != null) {
        throw failed("sent data after its last row");
      }
      return null;
    }
    if (fields != columns.size()) {
      throw failed("sent a row of " + fields + " fields for " + columns.size() + " columns");
    }
    row.reset();
    for (ColumnShape column : columns) {
      field(column);
    }
    return row.encoded();
  }

  private void field(ColumnShape column) throws SQLException, IOException {
    int length = need(Integer.BYTES).getInt();
    if (length == -1) {
      if (column.notNull()) {
        throw failed("sent null for " + column.name() + ", which is not null");
      }
      avro.writeIndex(0);
      return;
    }
    if (!column.notNull()) {
      avro.writeIndex(1);
    }
    ByteBuffer value = need(length);
    switch (column.type()) {
      case "int2" -> avro.writeInt(sized(column, length, Short.BYTES).getShort());
      case "int4" -> avro.writeInt(sized(column, length, Integer.BYTES).getInt());
      case "int8" -> avro.writeLong(sized(column, length, Long.BYTES).getLong());
      case "bool" -> avro.writeBoolean(sized(column, length, 1).get() != 0);
      case "float4" -> avro.writeFloat(sized(column, length, Float.BYTES).getFloat());
      case "float8" -> avro.writeDouble(sized(column, length, Double.BYTES).getDouble());
      case "timestamptz" -> avro.writeLong(time(column, sized(column, length, Long.BYTES).getLong()));
      default -> {
        avro.writeBytes(value.array(), value.arrayOffset() + value.position(), length);
        value.position(value.position() + length);
      }
    }
  }

  /** The data, holding at least {@code bytes} more; a value may span COPY's messages. */
  private ByteBuffer need(int bytes) throws SQLException {
    while (data.remaining() < bytes) {
      byte[] message = copy.readFromCopy();
      if (message == null) {
        throw failed("ended in the middle of a row");
      }
      data = data.hasRemaining()
          ? ByteBuffer.allocate(data.remaining() + message.length).put(data).put(message).flip()
          : ByteBuffer.wrap(message);
    }
    return data;
  }

  private ByteBuffer sized(ColumnShape column, int length, int expected) throws SQLException {
    if (length != expected) {
      throw failed("sent " + length + " bytes for " + column.name() + " (" + column.type() + "), not " + expected);
    }
    return data;
  }

  private long time(ColumnShape column, long micros2000) {
    try {
      return BackupTimestamps.fromPostgres(micros2000);
    } catch (IllegalArgumentException e) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "value-out-of-range", "Value out of range",
          shape.table() + "." + column.name() + " holds " + e.getMessage() + "; no backup was written");
    }
  }

  private SQLException failed(String what) {
    return new SQLException("COPY of " + shape.table() + " " + what, "08P01");
  }

  /** The Avro encoding of one row, in a buffer kept from row to row, without a lock per write. */
  private static final class Row extends OutputStream {

    private byte[] buffer = new byte[1 << 10];
    private int length;

    @Override
    public void write(int b) {
      ensure(1);
      buffer[length++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int count) {
      ensure(count);
      System.arraycopy(bytes, offset, buffer, length, count);
      length += count;
    }

    void reset() {
      length = 0;
    }

    ByteBuffer encoded() {
      return ByteBuffer.wrap(buffer, 0, length);
    }

    private void ensure(int more) {
      if (length + more > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(length + more, buffer.length * 2));
      }
    }
  }
}
