package dev.rowgate.dbwriter.persist;

import static dev.rowgate.dbwriter.WriterTestSupport.polled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rowgate.dbwriter.WriterOnOwnInfrastructure;
import dev.rowgate.dbwriter.WriterTestSupport;
import dev.rowgate.schema.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Polls handed to the writer twice, as after a crash between the commit and Kafka's offset commit,
 * while a hire in them waits for its department and job: it waits once, counts once and is written
 * once when they arrive.
 */
@TestPropertySource(properties = "rowgate.writer.reference-wait=5m")
class RedeliveryOfWaitingRowsIT extends WriterOnOwnInfrastructure {

  @Autowired
  BatchWriter writer;

  @Test
  void aRedeliveredPollOfAWaitingHireLetsItWaitOnceAndWritesItOnce() {
    listener().stop();
    String hires = UUID.randomUUID().toString();
    String parents = UUID.randomUUID().toString();
    List<ConsumerRecord<byte[], byte[]>> hirePoll;
    List<ConsumerRecord<byte[], byte[]>> parentPoll;
    try (WriterTestSupport rows = new WriterTestSupport(infrastructure.broker().bootstrapServers())) {
      hirePoll = List.of(polled(Topics.valid("hired_employees"), 0, rows.hire(7, "Ada", 7, 7, hires, 0)));
      parentPoll = List.of(polled(Topics.valid("departments"), 0, rows.department(7, "Research", parents, 0)),
          polled(Topics.valid("jobs"), 0, rows.job(7, "Chemist", parents, 1)));
    }

    writer.write(hirePoll);
    writer.write(hirePoll);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM reference_waits", Long.class)).isEqualTo(1L);
    assertThat(counts(hires)).containsEntry("valid", 1L).containsEntry("persisted", 0L);

    writer.write(parentPoll);
    await().atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(counts(hires)).containsEntry("persisted", 1L));
    writer.write(hirePoll);
    writer.write(parentPoll);

    assertThat(jdbc.queryForObject("SELECT count(*) FROM reference_waits", Long.class)).isZero();
    assertThat(jdbc.queryForList("SELECT name FROM hired_employees", String.class)).containsExactly("Ada");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM hired_employees_errors", Long.class)).isZero();
    assertThat(counts(hires)).containsEntry("valid", 1L).containsEntry("persisted", 1L).containsEntry("rejected", 0L);
    assertThat(counts(parents)).containsEntry("valid", 2L).containsEntry("persisted", 2L).containsEntry("rejected", 0L);
  }

  private Map<String, Object> counts(String batch) {
    return jdbc.queryForMap("SELECT valid, rejected, persisted FROM ingest_batches WHERE id = ?", batch);
  }
}
