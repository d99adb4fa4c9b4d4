package dev.rowgate.dbwriter.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.rowgate.dbwriter.WriterOnOwnInfrastructure;
import dev.rowgate.dbwriter.WriterTestSupport;
import dev.rowgate.schema.Topics;
import dev.rowgate.stack.test.DatabaseNeutral;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Records that Kafka deleted (its retention ran out) while the writer was stopped cannot be
 * persisted: the writer goes on from the oldest record left, and the log says that it skipped
 * some, as docs/guarantees.md promises the operator.
 */
@DatabaseNeutral
@ExtendWith(OutputCaptureExtension.class)
class RecordsDeletedByRetentionIT extends WriterOnOwnInfrastructure {

  @Test
  void aWriterBackAfterItsRecordsWereDeletedGoesOnFromTheOldestLeftAndSaysSo(CapturedOutput output) throws Exception {
    String bootstrap = infrastructure.broker().bootstrapServers();
    String batch = UUID.randomUUID().toString();
    TopicPartition partition = new TopicPartition(Topics.valid("jobs"), 0);
    try (WriterTestSupport kafka = new WriterTestSupport(bootstrap);
         Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
      kafka.sendValid("jobs", 0, kafka.job(1, "Persisted", batch, 0));
      await().atMost(Duration.ofSeconds(30)).until(() -> job(1) != null);
      listeners.stop();

      kafka.sendValid("jobs", 0, kafka.job(2, "Deleted", batch, 1));
      long kept = kafka.sendValid("jobs", 0, kafka.job(3, "Kept", batch, 2));
      admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(kept))).all().get();
      listeners.start();

      await().atMost(Duration.ofSeconds(60)).until(() -> job(3) != null);
    }
    assertThat(job(2)).isNull();
    assertThat(output).contains("is out of range for partition " + partition + ", resetting offset");
  }
}
