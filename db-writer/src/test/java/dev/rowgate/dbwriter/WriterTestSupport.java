package dev.rowgate.dbwriter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import dev.rowgate.avro.Channel;
import dev.rowgate.avro.Origin;
import dev.rowgate.avro.RawField;
import dev.rowgate.avro.Reason;
import dev.rowgate.avro.RejectedRow;
import dev.rowgate.avro.SourceOffset;
import dev.rowgate.schema.AvroCodec;
import dev.rowgate.schema.RowCodec;
import dev.rowgate.schema.Table;
import dev.rowgate.schema.Topics;
import dev.rowgate.schema.ValidRowSchema;
import dev.rowgate.service.test.TestDefinitions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Valid and rejected records as the validator publishes them, for tests of the writer: valid rows
 * of the shipped tables, in the schemas their definitions give them.
 */
public final class WriterTestSupport implements AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;
  /**
   * The next offset of the raw records the rows are made from, one count for every test of this JVM:
   * each row comes from a raw record of its own, as in the pipeline, whose rejection is kept once.
   */
  private static final AtomicLong RAW_OFFSET = new AtomicLong();

  public WriterTestSupport(String bootstrapServers) {
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "acks", "all",
        "key.serializer", ByteArraySerializer.class, "value.serializer", ByteArraySerializer.class));
  }

  static Origin origin(String batchId, int index) {
    return new Origin(Channel.API_JSON, batchId, index, null, null, Instant.parse("2026-01-02T03:04:05Z"));
  }

  SourceOffset source(String table) {
    return new SourceOffset(Topics.raw(table), 0, RAW_OFFSET.getAndIncrement());
  }

  public GenericRecord department(int id, String name, String batchId, int index) {
    return row("departments", Map.of("id", id, "department", name), batchId, index);
  }

  public GenericRecord job(int id, String name, String batchId, int index) {
    return row("jobs", Map.of("id", id, "job", name), batchId, index);
  }

  public GenericRecord hire(int id, String name, int departmentId, int jobId, String batchId, int index) {
    return hire(id, name, departmentId, jobId, Instant.parse("2021-07-01T10:00:00Z"), batchId, index);
  }

  public GenericRecord hire(int id, String name, int departmentId, int jobId, Instant datetime, String batchId,
                            int index) {
    return row("hired_employees", Map.of("id", id, "name", name, "datetime", datetime, "department_id", departmentId,
        "job_id", jobId), batchId, index);
  }

  /** A valid row of a shipped table, with its values by column. */
  public GenericRecord row(String table, Map<String, Object> values, String batchId, int index) {
    Table defined = TestDefinitions.table(table);
    GenericData.Record row = RowCodec.newRow(defined.validSchema());
    values.forEach(row::put);
    row.put(ValidRowSchema.ORIGIN, origin(batchId, index));
    row.put(ValidRowSchema.SOURCE, source(table));
    return row;
  }

  public RejectedRow rejected(String table, String batchId, int index, List<RawField> fields, Reason... reasons) {
    return new RejectedRow(origin(batchId, index), source(table), fields, null, List.of(reasons));
  }

  /** A row as a writer polls it from partition 0 of a topic, at this offset; nothing is sent. */
  public static ConsumerRecord<byte[], byte[]> polled(String topic, long offset, IndexedRecord row) {
    return new ConsumerRecord<>(topic, 0, offset, null, AvroCodec.encode(row));
  }

  public void sendValid(String table, IndexedRecord... rows) {
    for (IndexedRecord row : rows) {
      send(Topics.valid(table), String.valueOf(row.get(0)).getBytes(), AvroCodec.encode(row));
    }
  }

  public void sendRejected(String table, RejectedRow... rows) {
    for (RejectedRow row : rows) {
      send(Topics.rejected(table), null, AvroCodec.encode(row));
    }
  }

  /** Publishes a valid row to one partition of its table's valid topic; returns its offset. */
  public long sendValid(String table, int partition, IndexedRecord row) {
    return send(valid(table, partition, row));
  }

  /** Publishes valid rows to one partition in one batch of records, which the writer gets in one poll. */
  public void sendValidTogether(String table, int partition, IndexedRecord... rows) {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (IndexedRecord row : rows) {
      sent.add(producer.send(valid(table, partition, row)));
    }
    producer.flush();
    sent.forEach(one -> acknowledged(one, Topics.valid(table)));
  }

  public void send(String topic, byte[] key, byte[] value) {
    send(new ProducerRecord<>(topic, key, value));
  }

  private static ProducerRecord<byte[], byte[]> valid(String table, int partition, IndexedRecord row) {
    return new ProducerRecord<>(Topics.valid(table), partition, String.valueOf(row.get(0)).getBytes(),
        AvroCodec.encode(row));
  }

  private long send(ProducerRecord<byte[], byte[]> record) {
    return acknowledged(producer.send(record), record.topic()).offset();
  }

  private static RecordMetadata acknowledged(Future<RecordMetadata> sent, String topic) {
    try {
      return sent.get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("cannot publish to " + topic, e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
