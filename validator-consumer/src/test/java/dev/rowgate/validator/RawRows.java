package dev.rowgate.validator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import dev.rowgate.avro.Channel;
import dev.rowgate.avro.Origin;
import dev.rowgate.avro.RawField;
import dev.rowgate.avro.RawRow;
import dev.rowgate.schema.AvroCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Publishes raw rows as the ingest API does, for tests of the validator. */
final class RawRows implements AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;

  RawRows(String bootstrapServers) {
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "acks", "all",
        "linger.ms", 5, "key.serializer", ByteArraySerializer.class, "value.serializer", ByteArraySerializer.class));
  }

  static RawRow row(String batchId, int index, Object... namesAndValues) {
    List<RawField> fields = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.add(new RawField((String) namesAndValues[i], namesAndValues[i + 1]));
    }
    return new RawRow(new Origin(Channel.API_JSON, batchId, index, null, null, Instant.parse("2026-01-02T03:04:05Z")),
        fields);
  }

  void send(String topic, String key, RawRow row) {
    send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(), AvroCodec.encode(row)));
  }

  void send(ProducerRecord<byte[], byte[]> record) {
    try {
      producer.send(record).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("cannot publish to " + record.topic(), e);
    }
  }

  /** Sends without waiting for each acknowledgement; {@link #close()} waits for all. */
  void sendAsync(String topic, String key, RawRow row) {
    producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(), AvroCodec.encode(row)));
  }

  @Override
  public void close() {
    producer.close();
  }
}
