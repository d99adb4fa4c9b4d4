package dev.rowgate.schema;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;

/**
 * Valid rows in single-object encoding. A record is read with the schema it was written with,
 * found by its fingerprint in a {@link SchemaStore} (the schemas rowgate has used, kept in the
 * database), and resolved into the table's schema now: a column added since has its default, or
 * null.
 */
public final class RowCodec {

  private final SchemaStore writerSchemas;
  private final Map<Schema, BinaryMessageDecoder<GenericRecord>> decoders = new ConcurrentHashMap<>();

  public RowCodec(SchemaStore writerSchemas) {
    this.writerSchemas = writerSchemas;
  }

  /** A new record of a table's valid-row schema, to fill. */
  public static GenericData.Record newRow(Schema schema) {
    return new GenericData.Record(schema);
  }

  public static byte[] encode(GenericRecord row) {
    return AvroCodec.encode(row);
  }

  /**
   * Reads a valid row into {@code readerSchema}, the table's schema now.
   *
   * @throws AvroCodec.AvroDecodingException when the payload is not a row of a schema rowgate has used
   */
  public GenericRecord decode(Schema readerSchema, byte[] payload) {
    BinaryMessageDecoder<GenericRecord> decoder = decoders.computeIfAbsent(readerSchema,
        reader -> new BinaryMessageDecoder<>(RowData.MODEL, reader, writerSchemas));
    return AvroCodec.read(decoder, readerSchema, payload);
  }
}
