package dev.rowgate.dbwriter.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.rowgate.avro.RawField;
import dev.rowgate.avro.Reason;
import dev.rowgate.dbwriter.WriterOnOwnInfrastructure;
import dev.rowgate.dbwriter.WriterTestSupport;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The same poll handed to the writer twice, as after a crash between the commit and Kafka's offset
 * commit. A hire naming a missing department is refused at once here, so that the poll holds a
 * refusal of the writer too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "rowgate.writer.reference-wait=0s")
class RedeliveryIT extends WriterOnOwnInfrastructure {

  @Autowired
  BatchWriter writer;

  @Test
  void aRedeliveredPollMakesNoSecondRowAnywhereAndCountsOnce() {
    await().atMost(Duration.ofSeconds(30)).until(() -> listeners.getListenerContainer("db-writer"), Objects::nonNull)
        .stop();
    String batch = UUID.randomUUID().toString();
    List<ConsumerRecord<byte[], byte[]>> poll = new ArrayList<>();
    try (WriterTestSupport rows = new WriterTestSupport(infrastructure.broker().bootstrapServers())) {
      add(poll, "rowgate.departments.valid", rows.department(1, "Sales", batch, 0));
      add(poll, "rowgate.jobs.valid", rows.job(1, "Clerk", batch, 1));
      add(poll, "rowgate.hired_employees.valid", rows.hire(1, "Ada", 1, 1, batch, 2));
      add(poll, "rowgate.hired_employees.valid", rows.hire(2, "Bob", 9, 1, batch, 3));
      add(poll, "rowgate.jobs.rejected", rows.rejected("jobs", batch, 4, List.of(new RawField("id", "x")),
          new Reason("id", "type", "not an integer")));
    }

    writer.write(poll);
    Map<String, Object> once = snapshot(batch);
    writer.write(poll);
    writer.write(poll.subList(2, poll.size()));

    assertThat(snapshot(batch)).isEqualTo(once);
    assertThat(once).containsEntry("departments", 1L).containsEntry("jobs", 1L).containsEntry("hires", 1L)
        .containsEntry("hire_errors", 1L).containsEntry("job_errors", 1L)
        .containsEntry("valid", 4L).containsEntry("persisted", 3L).containsEntry("rejected", 2L);
  }

  private Map<String, Object> snapshot(String batch) {
    return jdbc.queryForMap("""
        SELECT (SELECT count(*) FROM departments) AS departments, (SELECT count(*) FROM jobs) AS jobs,
               (SELECT count(*) FROM hired_employees) AS hires,
               (SELECT count(*) FROM hired_employees_errors) AS hire_errors,
               (SELECT count(*) FROM jobs_errors) AS job_errors,
               valid, persisted, rejected
        FROM ingest_batches WHERE id = ?""", batch);
  }

  private static void add(List<ConsumerRecord<byte[], byte[]>> poll, String topic, IndexedRecord row) {
    poll.add(WriterTestSupport.polled(topic, poll.size(), row));
  }
}
