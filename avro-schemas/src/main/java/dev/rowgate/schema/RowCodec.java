package dev.rowgate.schema;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import dev.rowgate.avro.RejectedRow;
import dev.rowgate.schema.registry.SchemaRegistry;
import dev.rowgate.schema.registry.WireFormat;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;

/**
 * The records of rowgate's valid and rejected topics, in Avro's single-object encoding, or, with a
 * schema registry, in the registry's wire format under the subject {@code <topic>-value}. A record
 * is read with the schema it was written with, found by its fingerprint in a {@link SchemaStore}
 * (the schemas rowgate has used, kept in the database) or by its id in the registry, and resolved
 * into the table's schema now: a column added since has its default, or null.
 */
public final class RowCodec {

  private final SchemaStore writerSchemas;
  private final SchemaRegistry registry;
  private final Map<Schema, BinaryMessageDecoder<GenericRecord>> decoders = new ConcurrentHashMap<>();

  /** @param registry the schema registry, or null for none */
  public RowCodec(SchemaStore writerSchemas, SchemaRegistry registry) {
    this.writerSchemas = writerSchemas;
    this.registry = registry;
  }

  /** A new record of a table's valid-row schema, to fill. */
  public static GenericData.Record newRow(Schema schema) {
    return new GenericData.Record(schema);
  }

  /** A row as single-object encoding holds it (a waiting row's record, say): never in a registry's format. */
  public static byte[] encode(GenericRecord row) {
    return AvroCodec.encode(row);
  }

  /**
   * A valid or rejected record for its topic: in the registry's wire format under the topic's
   * subject (registered there the first time) when there is a registry, else single-object encoded.
   *
   * @throws SchemaRegistry.Unavailable when the registry does not answer
   * @throws SchemaRegistry.Refused     when the registry refuses the schema under the subject
   */
  public byte[] encode(String topic, IndexedRecord record) {
    if (registry == null) {
      return AvroCodec.encode(record);
    }
    int id = registry.register(SchemaRegistry.valueSubject(topic), record.getSchema());
    return WireFormat.encode(id, record, AvroCodec.model(record));
  }

  /**
   * Reads a valid row into {@code readerSchema}, the table's schema now.
   *
   * @throws AvroCodec.AvroDecodingException when the payload is not a row of a schema rowgate has used
   */
  public GenericRecord decode(Schema readerSchema, byte[] payload) {
    if (WireFormat.is(payload)) {
      return fromRegistry(payload, readerSchema, RowData.MODEL);
    }
    BinaryMessageDecoder<GenericRecord> decoder = decoders.computeIfAbsent(readerSchema,
        reader -> new BinaryMessageDecoder<>(RowData.MODEL, reader, writerSchemas));
    return AvroCodec.read(decoder, readerSchema, payload);
  }

  /** Reads a record of a rejected topic. */
  public RejectedRow decodeRejected(byte[] payload) {
    if (WireFormat.is(payload)) {
      return fromRegistry(payload, RejectedRow.getClassSchema(), AvroCodec.specificModel(RejectedRow.getClassSchema()));
    }
    return AvroCodec.decodeRejectedRow(payload);
  }

  /**
   * A producer's record in the registry's wire format, read with the schema it was written with.
   *
   * @throws AvroCodec.AvroDecodingException when there is no registry, the registry has no schema of
   *                                         the record's id, or the bytes are no record of it
   * @throws SchemaRegistry.Unavailable      when the registry does not answer
   */
  public GenericRecord producerRecord(byte[] payload) {
    int id = WireFormat.id(payload);
    if (registry == null) {
      throw new AvroCodec.AvroDecodingException("a record in a schema registry's wire format (schema id " + id
          + "), but rowgate uses no schema registry", null);
    }
    Schema writer;
    try {
      writer = registry.schema(id);
    } catch (SchemaRegistry.UnknownSchema e) {
      throw new AvroCodec.AvroDecodingException(e.getMessage(), e);
    }
    if (writer.getType() != Schema.Type.RECORD) {
      throw new AvroCodec.AvroDecodingException("the schema of id " + id + " is " + writer.getType().getName()
          + ", not a record of the row's fields", null);
    }
    try {
      return WireFormat.decode(payload, writer, writer, GenericData.get());
    } catch (IOException | RuntimeException e) {
      throw new AvroCodec.AvroDecodingException("not a record of schema id " + id + ": " + e.getMessage(), e);
    }
  }

  /** The fingerprint (CRC-64-AVRO) of the schema a valid row was written with, when the payload names one. */
  public OptionalLong writerFingerprint(byte[] payload) {
    if (AvroCodec.isSingleObject(payload)) {
      return OptionalLong.of(ByteBuffer.wrap(payload, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
    }
    if (WireFormat.is(payload) && registry != null) {
      try {
        return OptionalLong.of(SchemaNormalization.parsingFingerprint64(registry.schema(WireFormat.id(payload))));
      } catch (SchemaRegistry.UnknownSchema e) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.empty();
  }

  /**
   * Reads a record in the registry's wire format. Without a registry the record cannot be read now,
   * but may once one is configured: that is no reason to refuse it, and it is thrown as it is.
   */
  private <T> T fromRegistry(byte[] payload, Schema reader, GenericData model) {
    int id = WireFormat.id(payload);
    if (registry == null) {
      throw new IllegalStateException("a record in a schema registry's wire format (schema id " + id + "), but no "
          + "schema registry is configured (ROWGATE_REGISTRY_URL)");
    }
    Schema writer;
    try {
      writer = registry.schema(id);
    } catch (SchemaRegistry.UnknownSchema e) {
      throw new AvroCodec.AvroDecodingException("not a " + reader.getName() + " record: " + e.getMessage(), e);
    }
    try {
      return WireFormat.decode(payload, writer, reader, model);
    } catch (IOException | RuntimeException e) {
      throw new AvroCodec.AvroDecodingException("not a " + reader.getName() + " record of schema id " + id + ": "
          + e.getMessage(), e);
    }
  }
}
