package dev.rowgate.dbwriter.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rowgate.dbwriter.WriterOnOwnInfrastructure;
import dev.rowgate.dbwriter.WriterTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Hires that reach the writer before the department or job they name. */
@TestPropertySource(properties = "rowgate.writer.reference-wait=" + ReferenceWaitIT.WAIT_SECONDS + "s")
class ReferenceWaitIT extends WriterOnOwnInfrastructure {

  static final int WAIT_SECONDS = 4;

  WriterTestSupport kafka;

  @BeforeEach
  void producer() {
    kafka = new WriterTestSupport(infrastructure.broker().bootstrapServers());
  }

  @AfterEach
  void closeProducer() {
    kafka.close();
  }

  @Test
  void aHireSentBeforeItsDepartmentAndJobWaitsForThemAndIsWrittenWhenTheyArrive() {
    String hires = UUID.randomUUID().toString();
    kafka.sendValid("hired_employees", kafka.hire(301, "Ada", 301, 301, hires, 0));
    await().atMost(Duration.ofSeconds(30)).until(() -> waiting(301));
    assertThat(counts(hires)).containsEntry("valid", 1L).containsEntry("persisted", 0L).containsEntry("rejected", 0L);

    String parents = UUID.randomUUID().toString();
    kafka.sendValid("departments", kafka.department(301, "Research", parents, 0));
    kafka.sendValid("jobs", kafka.job(301, "Chemist", parents, 1));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(counts(hires))
        .containsEntry("persisted", 1L).containsEntry("rejected", 0L));
    assertThat(jdbc.queryForList("SELECT name FROM hired_employees WHERE id = 301", String.class)).containsExactly("Ada");
    assertThat(waiting(301)).isFalse();
    assertThat(errors(hires)).isEmpty();
  }

  @Test
  void aHireWhoseDepartmentNeverComesIsRefusedWithTheReasonOnceItHasWaited() {
    parents(302);
    String hires = UUID.randomUUID().toString();
    kafka.sendValid("hired_employees", kafka.hire(302, "Grace", 999, 302, hires, 0));
    await().atMost(Duration.ofSeconds(30)).until(() -> waiting(302));
    assertThat(errors(hires)).isEmpty();

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(counts(hires))
        .containsEntry("persisted", 0L).containsEntry("rejected", 1L));
    assertThat(errors(hires)).containsExactly(
        "[{\"rule\": \"reference\", \"field\": \"department_id\", \"message\": \"department_id 999 names no row of departments\"}]");
    assertThat(waiting(302)).isFalse();
  }

  @Test
  void aWaitingHireIsReplacedByANewerRowOfItsIdAsAWrittenOneWouldBe() {
    parents(303);
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    kafka.sendValid("hired_employees", kafka.hire(303, "Edsger", 998, 303, first, 0));
    await().atMost(Duration.ofSeconds(30)).until(() -> waiting(303));
    kafka.sendValid("hired_employees", kafka.hire(303, "Edsger W.", 303, 303, second, 0));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(counts(second))
        .containsEntry("persisted", 1L));
    assertThat(counts(first)).containsEntry("persisted", 1L).containsEntry("rejected", 0L);
    assertThat(waiting(303)).isFalse();
    await().pollDelay(Duration.ofSeconds(WAIT_SECONDS + 2)).atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(jdbc.queryForList("SELECT name FROM hired_employees WHERE id = 303", String.class))
            .containsExactly("Edsger W."));
    assertThat(errors(first)).isEmpty();
  }

  private void parents(int id) {
    String batch = UUID.randomUUID().toString();
    kafka.sendValid("departments", kafka.department(id, "Department " + id, batch, 0));
    kafka.sendValid("jobs", kafka.job(id, "Job " + id, batch, 1));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(counts(batch)).containsEntry("persisted", 2L));
  }

  private boolean waiting(int id) {
    return jdbc.queryForObject("SELECT count(*) FROM reference_waits WHERE table_name = 'hired_employees' AND row_key = ?",
        Long.class, String.valueOf(id)) > 0;
  }

  private List<String> errors(String batch) {
    return jdbc.queryForList("SELECT reasons::text FROM hired_employees_errors WHERE batch_id = ?", String.class, batch);
  }

  private Map<String, Object> counts(String batch) {
    return jdbc.queryForList("SELECT valid, rejected, persisted FROM ingest_batches WHERE id = ?", batch).stream()
        .findFirst().orElse(Map.of());
  }
}
