package dev.rowgate.ingest.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.rowgate.avro.RawField;
import dev.rowgate.avro.RawRow;
import dev.rowgate.schema.AvroCodec;
import dev.rowgate.schema.RowKeys;
import dev.rowgate.schema.Table;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * The rows of one batch on their way to the raw topic. Sends do not wait for Kafka; a full
 * producer buffer makes them block, which slows the reader to Kafka's pace. {@link #awaitAcks}
 * returns once Kafka acknowledged every row sent, or throws when one was refused.
 */
public final class Publication {

  /** The producer's max.request.size (1 MiB), less room for the key, the headers and the batch's framing. */
  static final int MAX_RECORD_BYTES = 1_040_000;

  private final KafkaTemplate<byte[], byte[]> template;
  private final Table table;
  private final Object lock = new Object();
  private long sent;
  private long acknowledged;
  private long refused;
  private Throwable failure;

  Publication(KafkaTemplate<byte[], byte[]> template, Table table) {
    this.template = template;
    this.table = table;
  }

  /** The row's key where its values read as their types, else its place in the batch. */
  public static String key(Table table, String batchId, int index, List<RawField> fields) {
    return RowKeys.ofRaw(table, fields).orElseGet(() -> batchId + ":" + index);
  }

  /**
   * Sends one row, keyed by {@code key}; throws once Kafka has refused a row of this batch, or when
   * the producer does not take this one.
   *
   * @throws IllegalArgumentException when the row is too large for a Kafka record; nothing is sent
   */
  public void send(String key, RawRow row) {
    byte[] value = AvroCodec.encode(row);
    if (value.length > MAX_RECORD_BYTES) {
      throw new IllegalArgumentException("the row " + place(row) + " is " + value.length + " bytes as a Kafka record, "
          + "more than the " + MAX_RECORD_BYTES + " it may have");
    }
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(table.rawTopic(),
        key.getBytes(StandardCharsets.UTF_8), value);
    synchronized (lock) {
      throwIfRefused();
      sent++;
    }
    CompletableFuture<SendResult<byte[], byte[]>> answer;
    try {
      answer = template.send(record);
    } catch (RuntimeException e) {
      // The producer did not take the row (no metadata for the topic within max.block.ms, say): no answer will come.
      synchronized (lock) {
        sent--;
        failure = failure == null ? e : failure;
      }
      throw new PublishException("Kafka did not take the row " + place(row) + ": " + reason(e), e);
    }
    answer.whenComplete((result, error) -> {
      synchronized (lock) {
        if (error == null) {
          acknowledged++;
        } else {
          refused++;
          failure = failure == null ? error : failure;
        }
        lock.notifyAll();
      }
    });
  }

  /**
   * Waits until Kafka answered for every row sent and returns how many were sent; throws when
   * one was refused or when the time is up.
   */
  public long awaitAcks(Duration timeout) {
    synchronized (lock) {
      awaitAnswers(timeout);
      throwIfRefused();
      if (acknowledged < sent) {
        throw new PublishException("Kafka acknowledged " + acknowledged + " of " + sent + " rows within "
            + timeout, null);
      }
      return sent;
    }
  }

  /** Waits until Kafka answered for every row sent, or the time is up; returns the rows it acknowledged. */
  public long settle(Duration timeout) {
    synchronized (lock) {
      awaitAnswers(timeout);
      return acknowledged;
    }
  }

  private void awaitAnswers(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (acknowledged + refused < sent) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PublishException("interrupted while waiting for Kafka", e);
      }
    }
  }

  private static String place(RawRow row) {
    Long line = row.getOrigin().getLine();
    return line != null ? "at line " + line : "at index " + row.getOrigin().getIndex();
  }

  /** The message of the innermost cause, which names what Kafka said. */
  private static String reason(Throwable e) {
    return NestedExceptionUtils.getMostSpecificCause(e).getMessage();
  }

  private void throwIfRefused() {
    if (failure != null) {
      throw new PublishException("Kafka refused a row of this batch: " + reason(failure), failure);
    }
  }
}
