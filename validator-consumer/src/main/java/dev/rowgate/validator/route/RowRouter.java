package dev.rowgate.validator.route;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.rowgate.avro.Origin;
import dev.rowgate.avro.RawRow;
import dev.rowgate.avro.Reason;
import dev.rowgate.avro.RejectedRow;
import dev.rowgate.avro.SourceOffset;
import dev.rowgate.schema.AvroCodec;
import dev.rowgate.schema.RowCodec;
import dev.rowgate.schema.RowKeys;
import dev.rowgate.schema.registry.SchemaRegistry;
import dev.rowgate.schema.Table;
import dev.rowgate.schema.ValidRowSchema;
import dev.rowgate.validator.rules.RowValidator;
import dev.rowgate.validator.rules.Verdict;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Turns one raw record into the one record it becomes: a typed row on the valid topic, keyed by
 * its key, or the raw row with every reason on the rejected topic, with the raw record's Kafka
 * coordinates in its value and in {@code rowgate-errors-*} headers.
 */
final class RowRouter {

  static final String TOPIC_HEADER = "rowgate-errors-topic";
  static final String PARTITION_HEADER = "rowgate-errors-partition";
  static final String OFFSET_HEADER = "rowgate-errors-offset";
  static final String STAGE_HEADER = "rowgate-errors-stage";
  static final String REASONS_HEADER = "rowgate-errors-reasons";

  private static final int MAX_KEY = 1000;
  private static final int MAX_REASONS_HEADER = 10_000;

  private RowRouter() {
  }

  /** The routed record, and whether it is valid. */
  record Routed(ProducerRecord<byte[], byte[]> record, boolean valid, String batchId) {
  }

  /**
   * @param codec how rowgate's topics hold records: with a schema registry, its wire format
   * @throws SchemaRegistry.Unavailable when the registry does not answer: the poll is tried again
   */
  static Routed route(Table table, ConsumerRecord<byte[], byte[]> raw, RowCodec codec) {
    SourceOffset source = new SourceOffset(raw.topic(), raw.partition(), raw.offset());
    RawRow row;
    try {
      row = RawRecordDecoder.decode(raw, codec);
    } catch (RawRecordDecoder.Undecodable e) {
      Origin origin = RawRecordDecoder.producerOrigin(raw);
      List<Reason> reasons = new ArrayList<>(List.of(new Reason(null, "decode", e.getMessage())));
      reasons.addAll(OriginBounds.check(origin, raw.timestamp()));
      RejectedRow rejected = new RejectedRow(origin, source, List.of(),
          raw.value() == null ? null : ByteBuffer.wrap(raw.value()), reasons);
      return rejected(table, raw, rejected, codec);
    }
    List<Reason> originReasons = OriginBounds.check(row.getOrigin(), raw.timestamp());
    Verdict verdict = RowValidator.validate(table, row);
    if (verdict instanceof Verdict.Valid valid && originReasons.isEmpty()) {
      GenericData.Record record = RowCodec.newRow(table.validSchema());
      valid.values().forEach(record::put);
      record.put(ValidRowSchema.ORIGIN, row.getOrigin());
      record.put(ValidRowSchema.SOURCE, source);
      byte[] key = utf8(RowKeys.of(table, valid.values()));
      return new Routed(new ProducerRecord<>(table.validTopic(), key, codec.encode(table.validTopic(), record)), true,
          row.getOrigin().getBatchId());
    }
    List<Reason> reasons = new ArrayList<>(verdict instanceof Verdict.Rejected broken ? broken.reasons() : List.of());
    reasons.addAll(originReasons);
    return rejected(table, raw, new RejectedRow(row.getOrigin(), source, row.getFields(), null, reasons), codec);
  }

  private static Routed rejected(Table table, ConsumerRecord<byte[], byte[]> raw, RejectedRow whole, RowCodec codec) {
    byte[] value = codec.encode(table.rejectedTopic(), whole);
    RejectedRow rejected = value.length <= RejectSample.BUDGET ? whole : RejectSample.of(whole, value.length);
    if (rejected != whole) {
      value = codec.encode(table.rejectedTopic(), rejected);
    }
    RecordHeaders headers = new RecordHeaders();
    headers.add(TOPIC_HEADER, utf8(raw.topic()));
    headers.add(PARTITION_HEADER, utf8(String.valueOf(raw.partition())));
    headers.add(OFFSET_HEADER, utf8(String.valueOf(raw.offset())));
    headers.add(STAGE_HEADER, utf8("validator"));
    String reasons = rejected.getReasons().stream()
        .map(r -> (r.getField() == null ? "" : r.getField() + ": ") + r.getRule())
        .collect(Collectors.joining(", "));
    headers.add(REASONS_HEADER, utf8(RejectSample.cut(reasons, MAX_REASONS_HEADER)));
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(table.rejectedTopic(), null,
        rejectedKey(table, raw, rejected), value, headers);
    return new Routed(record, false, rejected.getOrigin().getBatchId());
  }

  /**
   * The row's key where its values read as their types, else the raw key unless oversized, else
   * the row's place in its batch, else its Kafka coordinates.
   */
  private static byte[] rejectedKey(Table table, ConsumerRecord<byte[], byte[]> raw, RejectedRow rejected) {
    Optional<String> id = RowKeys.ofRaw(table, rejected.getFields());
    if (id.isPresent()) {
      return utf8(id.get());
    }
    if (raw.key() != null && raw.key().length <= MAX_KEY) {
      return raw.key();
    }
    Origin origin = rejected.getOrigin();
    if (origin.getBatchId() != null) {
      return utf8(origin.getBatchId() + ":" + (origin.getIndex() != null ? origin.getIndex() : origin.getLine()));
    }
    return utf8(raw.topic() + ":" + raw.partition() + ":" + raw.offset());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
