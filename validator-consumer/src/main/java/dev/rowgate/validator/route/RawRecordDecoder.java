package dev.rowgate.validator.route;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;

import dev.rowgate.avro.Channel;
import dev.rowgate.avro.Origin;
import dev.rowgate.avro.RawRow;
import dev.rowgate.schema.AvroCodec;
import dev.rowgate.schema.RawFields;
import dev.rowgate.schema.RowCodec;
import dev.rowgate.schema.registry.RegistryRecords;
import dev.rowgate.schema.registry.SchemaRegistry;
import dev.rowgate.schema.registry.WireFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the value of a raw record: the Avro raw-row envelope in single-object encoding, a plain
 * JSON object whose members are the row's fields, or a record of any Avro schema in a schema
 * registry's wire format, whose fields are the row's by name ({@link RegistryRecords}). A producer of
 * JSON or of the registry's format may name its batch in the {@code rowgate-batch-id} header.
 */
final class RawRecordDecoder {

  static final String BATCH_HEADER = "rowgate-batch-id";

  /** Strict about names given twice, as the ingest API is: which value would count is not for a parser to guess. */
  private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private RawRecordDecoder() {
  }

  /**
   * @throws Undecodable                when the record is no row; it is rejected with the reason
   * @throws SchemaRegistry.Unavailable when the registry does not answer: an outage, not a reason
   */
  static RawRow decode(ConsumerRecord<byte[], byte[]> record, RowCodec codec) throws Undecodable {
    byte[] value = record.value();
    if (value == null || value.length == 0) {
      throw new Undecodable("the record has no value");
    }
    if (WireFormat.is(value)) {
      try {
        return new RawRow(producerOrigin(record), RegistryRecords.fields(codec.producerRecord(value)));
      } catch (AvroCodec.AvroDecodingException | ArithmeticException | DateTimeException e) {
        throw new Undecodable(e.getMessage());
      }
    }
    if (AvroCodec.isSingleObject(value)) {
      try {
        return AvroCodec.decodeRawRow(value);
      } catch (AvroCodec.AvroDecodingException e) {
        throw new Undecodable(e.getMessage());
      }
    }
    JsonNode object;
    try {
      object = JSON.readTree(value);
    } catch (JacksonException e) {
      throw new Undecodable("neither a single-object encoded RawRow nor JSON: " + e.getOriginalMessage());
    }
    if (object == null || !object.isObject()) {
      throw new Undecodable("JSON, but not an object: a row is a JSON object of its fields");
    }
    return new RawRow(producerOrigin(record), RawFields.fromJson(object));
  }

  /** The origin of a record that does not carry one: a producer's, received when Kafka stamped it. */
  static Origin producerOrigin(ConsumerRecord<byte[], byte[]> record) {
    Header batch = record.headers().lastHeader(BATCH_HEADER);
    String batchId = batch == null ? null : new String(batch.value(), StandardCharsets.UTF_8);
    return new Origin(Channel.PRODUCER, batchId, null, null, null, Instant.ofEpochMilli(record.timestamp()));
  }

  /** A record that is no raw row. */
  static final class Undecodable extends Exception {
    Undecodable(String message) {
      super(message, null, false, false);
    }
  }
}
