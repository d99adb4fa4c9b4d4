package dev.rowgate.dbwriter.persist;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.rowgate.avro.Channel;
import dev.rowgate.avro.Origin;
import dev.rowgate.avro.Reason;
import dev.rowgate.avro.RejectedRow;
import dev.rowgate.avro.SourceOffset;
import dev.rowgate.dbwriter.errors.Reject;
import dev.rowgate.schema.AvroCodec;
import dev.rowgate.schema.Definitions;
import dev.rowgate.schema.RowCodec;
import dev.rowgate.schema.Table;
import dev.rowgate.schema.Topics;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** The records of one poll: their offsets per partition, and their rows per table once decoded. */
final class Poll {

  private final List<ConsumerRecord<byte[], byte[]>> records;

  Poll(List<ConsumerRecord<byte[], byte[]>> records) {
    this.records = records;
  }

  Map<TopicPartition, Long> firstOffsets() {
    Map<TopicPartition, Long> first = new LinkedHashMap<>();
    records.forEach(r -> first.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset()));
    return first;
  }

  Map<TopicPartition, Long> nextOffsets() {
    Map<TopicPartition, Long> next = new LinkedHashMap<>();
    records.forEach(r -> next.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1));
    return next;
  }

  /** The rows of the records at or after the given offset of their partition, decoded. */
  Rows rowsFrom(Map<TopicPartition, Long> nextOffsets, Definitions definitions, RowCodec codec) {
    Rows rows = new Rows(definitions, codec);
    for (ConsumerRecord<byte[], byte[]> record : records) {
      long next = nextOffsets.getOrDefault(new TopicPartition(record.topic(), record.partition()), 0L);
      if (record.offset() >= next) {
        rows.add(record);
      }
    }
    return rows;
  }

  int size() {
    return records.size();
  }

  /** The fingerprints of the schemas the poll's valid rows were written with, where their records name them. */
  Set<Long> validSchemas(RowCodec codec) {
    Set<Long> fingerprints = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      if (record.topic().endsWith(".valid")) {
        codec.writerFingerprint(record.value()).ifPresent(fingerprints::add);
      }
    }
    return fingerprints;
  }

  /** Valid rows and refused rows, per table, each after the tables it references. */
  static final class Rows {
    final Map<Table, List<GenericRecord>> valid = new LinkedHashMap<>();
    final Map<Table, List<Reject>> rejected = new LinkedHashMap<>();
    private final Definitions definitions;
    private final RowCodec codec;
    int skipped;

    Rows(Definitions definitions, RowCodec codec) {
      this.definitions = definitions;
      this.codec = codec;
      for (Table table : definitions.tables()) {
        valid.put(table, new ArrayList<>());
        rejected.put(table, new ArrayList<>());
      }
    }

    private void add(ConsumerRecord<byte[], byte[]> record) {
      Optional<Table> table = definitions.tableOfTopic(record.topic());
      if (table.isEmpty()) {
        skipped++;
        return;
      }
      boolean fromValidTopic = record.topic().equals(Topics.valid(table.get().name()));
      try {
        if (fromValidTopic) {
          valid.get(table.get()).add(codec.decode(table.get().validSchema(), record.value()));
        } else {
          rejected.get(table.get()).add(new Reject(codec.decodeRejected(record.value()), Reject.Cause.VALIDATOR));
        }
      } catch (AvroCodec.AvroDecodingException e) {
        rejected.get(table.get()).add(new Reject(undecodable(record, e),
            fromValidTopic ? Reject.Cause.UNDECODABLE : Reject.Cause.VALIDATOR));
      }
    }
  }

  /** A record the writer cannot read, kept with its bytes. */
  private static RejectedRow undecodable(ConsumerRecord<byte[], byte[]> record, RuntimeException e) {
    Origin origin = new Origin(Channel.PRODUCER, null, null, null, null, Instant.ofEpochMilli(record.timestamp()));
    SourceOffset source = new SourceOffset(record.topic(), record.partition(), record.offset());
    ByteBuffer payload = record.value() == null ? null : ByteBuffer.wrap(record.value());
    Reason reason = new Reason(null, "decode", "the writer cannot read this record: " + e.getMessage());
    return new RejectedRow(origin, source, List.of(), payload, List.of(reason));
  }
}
