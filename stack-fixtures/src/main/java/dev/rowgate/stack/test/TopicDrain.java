package dev.rowgate.stack.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads topics from their beginning as a consumer of committed transactions sees them, with a
 * group of its own, until it has seen a number of records or the time is up.
 */
public final class TopicDrain implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();

  public TopicDrain(String bootstrapServers, Collection<String> topics) {
    consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
        "group.id", "drain-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
        "isolation.level", "read_committed", "enable.auto.commit", false,
        "key.deserializer", ByteArrayDeserializer.class, "value.deserializer", ByteArrayDeserializer.class));
    consumer.subscribe(topics);
  }

  /** Every record seen so far, after polling until at least {@code count} were seen or {@code timeout} passed. */
  public List<ConsumerRecord<byte[], byte[]>> readAtLeast(int count, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (seen.size() < count && Instant.now().isBefore(deadline)) {
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }
    return List.copyOf(seen);
  }

  /** Polls for {@code quiet} more and returns everything seen: records arriving late show up. */
  public List<ConsumerRecord<byte[], byte[]>> readFor(Duration quiet) {
    Instant deadline = Instant.now().plus(quiet);
    while (Instant.now().isBefore(deadline)) {
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
