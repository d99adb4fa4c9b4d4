package dev.rowgate.schema.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * A schema registry's wire format, Confluent's serializer's: a zero byte, the schema's id in the
 * registry as four bytes (big-endian), then the record in Avro's binary encoding. Neither JSON nor
 * Avro's single-object encoding ({@code C3 01}) starts with a zero byte.
 */
public final class WireFormat {

  private static final byte MAGIC = 0;
  private static final int HEADER = 5;

  private WireFormat() {
  }

  public static boolean is(byte[] payload) {
    return payload != null && payload.length >= HEADER && payload[0] == MAGIC;
  }

  /** The schema id of a payload in the wire format. */
  public static int id(byte[] payload) {
    return ByteBuffer.wrap(payload, 1, 4).getInt();
  }

  public static byte[] encode(int id, IndexedRecord record, GenericData model) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(MAGIC);
    out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      new GenericDatumWriter<IndexedRecord>(record.getSchema(), model).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Reads a payload written with {@code writer} into {@code reader} (Avro's schema resolution).
   *
   * @throws IOException or a runtime exception of Avro's when the bytes are no record of the writer's schema
   */
  @SuppressWarnings("unchecked")
  public static <T> T decode(byte[] payload, Schema writer, Schema reader, GenericData model) throws IOException {
    GenericDatumReader<T> datumReader = (GenericDatumReader<T>) model.createDatumReader(writer, reader);
    return datumReader.read(null, DecoderFactory.get().binaryDecoder(payload, HEADER, payload.length - HEADER, null));
  }
}
