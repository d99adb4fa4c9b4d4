package dev.rowgate.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.rowgate.avro.JsonValue;
import dev.rowgate.avro.RawField;
import dev.rowgate.avro.RawRow;
import dev.rowgate.avro.RejectedRow;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro single-object encoding ({@code C3 01}, the schema's CRC-64-AVRO fingerprint, the binary
 * body) for every record on rowgate's topics. This decodes the envelopes of raw and rejected rows,
 * resolving each schema version of them that this module has shipped (a new version goes next to
 * the current one in {@link #SHIPPED}); valid rows, whose schemas come from the table definitions
 * and are kept in the database, are decoded by a {@link RowCodec}.
 */
public final class AvroCodec {

  static {
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
        type -> type.getName().startsWith("dev.rowgate.")));
  }

  /** Every writer schema a raw or rejected record may carry. */
  private static final List<Schema> SHIPPED = List.of(RawRow.getClassSchema(), RejectedRow.getClassSchema());

  private static final SchemaStore.Cache STORE = new SchemaStore.Cache();
  private static final Map<Schema, BinaryMessageEncoder<IndexedRecord>> ENCODERS = new ConcurrentHashMap<>();
  private static final Map<Schema, BinaryMessageDecoder<IndexedRecord>> DECODERS = new ConcurrentHashMap<>();
  private static final BinaryMessageDecoder<IndexedRecord> STRICT_RAW_ROW = new BinaryMessageDecoder<>(
      new StrictTextData(SpecificData.getForSchema(RawRow.getClassSchema())), RawRow.getClassSchema(), STORE);

  static {
    SHIPPED.forEach(STORE::addSchema);
  }

  private AvroCodec() {
  }

  /** True when the payload starts with the single-object encoding marker. */
  public static boolean isSingleObject(byte[] payload) {
    return payload != null && payload.length >= 10 && payload[0] == (byte) 0xC3 && payload[1] == (byte) 0x01;
  }

  public static byte[] encode(IndexedRecord record) {
    Schema schema = record.getSchema();
    BinaryMessageEncoder<IndexedRecord> encoder = ENCODERS.computeIfAbsent(schema,
        s -> new BinaryMessageEncoder<>(model(record), s));
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + schema.getFullName(), e);
    }
  }

  /**
   * The data model of a record: its generated class's for rowgate's own records (whose packages
   * this class trusts before Avro reads or writes one), the valid rows' model for a table's row.
   */
  static GenericData model(IndexedRecord record) {
    return record instanceof SpecificRecord ? specificModel(record.getSchema()) : RowData.MODEL;
  }

  /** The model of one of rowgate's own records, by its schema. */
  static SpecificData specificModel(Schema schema) {
    return SpecificData.getForSchema(schema);
  }

  /**
   * Decodes a single-object encoded payload into the generated class of {@code readerSchema}.
   *
   * @throws AvroDecodingException when the payload is not single-object encoded by a known schema
   */
  @SuppressWarnings("unchecked")
  static <T extends IndexedRecord> T decode(Schema readerSchema, byte[] payload) {
    return (T) read(DECODERS.computeIfAbsent(readerSchema,
        s -> new BinaryMessageDecoder<>(SpecificData.getForSchema(s), s, STORE)), readerSchema, payload);
  }

  /**
   * Decodes a raw row, which a producer may have written: one with a text that is not UTF-8 is
   * refused, where Avro's reader would put U+FFFD in place of the bad bytes.
   *
   * @throws AvroDecodingException when the payload is not a single-object encoded raw row, or
   *                               holds a text that is not UTF-8
   */
  public static RawRow decodeRawRow(byte[] payload) {
    RawRow row = decode(RawRow.getClassSchema(), payload);
    return holdsReplacement(row) ? (RawRow) read(STRICT_RAW_ROW, RawRow.getClassSchema(), payload) : row;
  }

  static <T> T read(BinaryMessageDecoder<T> decoder, Schema readerSchema, byte[] payload) {
    if (payload == null) {
      throw new AvroDecodingException("not a " + readerSchema.getName() + " record: the record has no value", null);
    }
    try {
      return decoder.decode(payload);
    } catch (IOException | RuntimeException e) {
      throw new AvroDecodingException("not a " + readerSchema.getName() + " record: " + e.getMessage(), e);
    }
  }

  /** True when a text of the row holds U+FFFD: bad bytes that Avro's reader replaced, or the character itself. */
  private static boolean holdsReplacement(RawRow row) {
    if (holdsReplacement(row.getOrigin().getBatchId()) || holdsReplacement(row.getOrigin().getFileName())) {
      return true;
    }
    for (RawField field : row.getFields()) {
      Object value = field.getValue() instanceof JsonValue json ? json.getJson() : field.getValue();
      if (holdsReplacement(field.getName()) || value instanceof String text && holdsReplacement(text)) {
        return true;
      }
    }
    return false;
  }

  /** True when the text holds U+FFFD, which Avro's reader writes in place of bytes that are no UTF-8. */
  static boolean holdsReplacement(String text) {
    return text != null && text.indexOf('\uFFFD') >= 0;
  }

  public static RejectedRow decodeRejectedRow(byte[] payload) {
    return decode(RejectedRow.getClassSchema(), payload);
  }

  /** A payload that is not a record this module can read. */
  public static final class AvroDecodingException extends RuntimeException {
    AvroDecodingException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
