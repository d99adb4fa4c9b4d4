package dev.rowgate.dbwriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rowgate.avro.RawField;
import dev.rowgate.avro.Reason;
import dev.rowgate.avro.RejectedRow;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.listener.MessageListenerContainer;

/** The writer with no wait for referenced rows: a hire naming a missing one is refused at once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "rowgate.writer.reference-wait=0s")
class RowWriterIT extends WriterOnOwnInfrastructure {

  WriterTestSupport kafka;

  /**
   * Once the writer holds every partition of its topics: a hire and its department sent while its
   * consumers still form their group may be read in either order, and without a wait for
   * referenced rows the hire would be refused.
   */
  @BeforeEach
  void producer() {
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      MessageListenerContainer writer = listeners.getListenerContainer("db-writer");
      return writer != null && writer.getAssignedPartitions() != null && writer.getAssignedPartitions().size() == 36;
    });
    kafka = new WriterTestSupport(infrastructure.broker().bootstrapServers());
  }

  @AfterEach
  void closeProducer() {
    kafka.close();
  }

  @Test
  void validRowsAreUpsertedByIdAndTheLastOneWins() {
    String batch = UUID.randomUUID().toString();
    kafka.sendValid("departments", kafka.department(101, "Sales", batch, 0), kafka.department(102, "Legal", batch, 1),
        kafka.department(101, "Sales and Marketing", batch, 2));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
        jdbc.queryForList("SELECT id, department FROM departments WHERE id IN (101, 102) ORDER BY id"))
        .containsExactly(Map.of("id", 101, "department", "Sales and Marketing"), Map.of("id", 102, "department", "Legal")));
    assertThat(batchCounts(batch)).containsEntry("valid", 3L).containsEntry("persisted", 3L).containsEntry("rejected", 0L);
  }

  @Test
  void rejectedRowsAreKeptWithTheirRawValuesReasonsAndOrigin() {
    String batch = UUID.randomUUID().toString();
    kafka.sendRejected("jobs", kafka.rejected("jobs", batch, 4,
        List.of(new RawField("id", 7L), new RawField("job", "  ")),
        new Reason("job", "not_blank", "must not be blank")));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(jdbc.queryForList("SELECT * FROM jobs_errors WHERE batch_id = ?", batch)).hasSize(1));
    Map<String, Object> error = jdbc.queryForMap("""
        SELECT raw::text, reasons::text, row_index, channel, stage, source_topic, received_at = '2026-01-02T03:04:05Z' AS received
        FROM jobs_errors WHERE batch_id = ?""", batch);
    assertThat(error).containsEntry("raw", "{\"id\": 7, \"job\": \"  \"}")
        .containsEntry("reasons", "[{\"rule\": \"not_blank\", \"field\": \"job\", \"message\": \"must not be blank\"}]")
        .containsEntry("row_index", 4).containsEntry("channel", "API_JSON").containsEntry("stage", "validator")
        .containsEntry("source_topic", "rowgate.jobs.raw").containsEntry("received", true);
    assertThat(batchCounts(batch)).containsEntry("rejected", 1L).containsEntry("persisted", 0L);
  }

  @Test
  void aRefusedRowWithNulCharactersIsKeptWithTheReplacementCharacterInstead() {
    String batch = UUID.randomUUID().toString();
    RejectedRow nul = kafka.rejected("jobs", batch, 0, List.of(new RawField("id", 8L), new RawField("job", "a\0b"),
        new RawField("x\0", "\\u0000")), new Reason("job", "characters", "job contains a NUL character"),
        new Reason("x\0", "unknown", "x\0 is not a column of jobs"));
    nul.getOrigin().setFileName("file\0.csv");
    kafka.sendRejected("jobs", nul);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(jdbc.queryForList("SELECT * FROM jobs_errors WHERE batch_id = ?", batch)).hasSize(1));
    Map<String, Object> error = jdbc.queryForMap(
        "SELECT raw ->> 'job' AS job, raw ->> 'x\uFFFD' AS x, reasons -> 1 ->> 'field' AS field, file_name "
            + "FROM jobs_errors WHERE batch_id = ?", batch);
    assertThat(error).containsEntry("job", "a\uFFFDb").containsEntry("x", "\\u0000")
        .containsEntry("field", "x\uFFFD").containsEntry("file_name", "file\uFFFD.csv");
  }

  @Test
  void equalValuesRefusedInTwoBatchesAreKeptForEachWhileARedeliveredRejectionMakesNoSecondRow() {
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    List<RawField> fields = List.of(new RawField("id", "31"), new RawField("department", ""));
    Reason empty = new Reason("department", "required", "department is empty");
    RejectedRow firstRow = kafka.rejected("departments", first, 0, fields, empty);
    kafka.sendRejected("departments", firstRow, kafka.rejected("departments", first, 1, fields, empty));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(batchCounts(first)).containsEntry("rejected", 2L));
    kafka.sendRejected("departments", kafka.rejected("departments", second, 5, fields, empty), firstRow);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
        "SELECT batch_id, row_index FROM departments_errors WHERE raw->>'id' = '31' ORDER BY id"))
        .containsExactly(Map.of("batch_id", first, "row_index", 0), Map.of("batch_id", first, "row_index", 1),
            Map.of("batch_id", second, "row_index", 5)));
    assertThat(batchCounts(second)).containsEntry("rejected", 1L);
    assertThat(jdbc.queryForList("SELECT DISTINCT state FROM departments_errors WHERE raw->>'id' = '31'",
        String.class)).containsExactly("open");
  }

  @Test
  void eachRowOfARedriveBatchIsTakenOnceWhateverCopiesOfItArrive() {
    String batch = "redrive-" + UUID.randomUUID();
    jdbc.update("INSERT INTO ingest_batches (id, table_name, channel, received) VALUES (?, 'departments', 'REDRIVE', 2)",
        batch);
    jdbc.update("INSERT INTO redrive_rows (batch_id, row_index, table_name, error_id, row_values, corrected) VALUES "
        + "(?, 0, 'departments', 1, '{}', false), (?, 1, 'departments', 2, '{}', false)", batch, batch);
    GenericRecord sent = kafka.department(401, "Redriven", batch, 0);
    RejectedRow refused = kafka.rejected("departments", batch, 1, List.of(new RawField("id", "402")),
        new Reason("department", "required", "department is missing"));

    kafka.sendValidTogether("departments", 0, sent, kafka.department(401, "Redriven", batch, 0));
    kafka.sendRejected("departments", refused, kafka.rejected("departments", batch, 1, List.of(new RawField("id",
        "402")), new Reason("department", "required", "department is missing")));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(batchCounts(batch))
        .containsEntry("persisted", 1L).containsEntry("rejected", 1L));
    kafka.sendValidTogether("departments", 0, kafka.department(401, "A later copy", batch, 0));
    String marker = UUID.randomUUID().toString();
    kafka.sendValidTogether("departments", 0, kafka.department(403, "After the copy", marker, 0));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(batchCounts(marker))
        .containsEntry("persisted", 1L));
    assertThat(batchCounts(batch)).containsEntry("valid", 1L).containsEntry("persisted", 1L)
        .containsEntry("rejected", 1L);
    assertThat(jdbc.queryForObject("SELECT department FROM departments WHERE id = 401", String.class))
        .isEqualTo("Redriven");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM departments_errors WHERE batch_id = ?", Long.class, batch))
        .isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM redrive_rows WHERE batch_id = ? AND taken_at IS NOT NULL",
        Long.class, batch)).isEqualTo(2);
  }

  @Test
  void aProducersBatchNamedLikeARedriveButNotRecordedAsOneGoesOnAsAnyOther() {
    String batch = "redrive-" + UUID.randomUUID();
    kafka.sendValidTogether("departments", 0, kafka.department(411, "First", batch, 0),
        kafka.department(411, "Second", batch, 0));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(batchCounts(batch))
        .containsEntry("persisted", 2L));
    assertThat(jdbc.queryForObject("SELECT department FROM departments WHERE id = 411", String.class))
        .isEqualTo("Second");
  }

  @Test
  void hireNamingAMissingDepartmentIsRefusedWhileTheRestOfItsBatchIsPersisted() {
    String batch = UUID.randomUUID().toString();
    kafka.sendValid("departments", kafka.department(201, "Research", batch, 0));
    kafka.sendValid("jobs", kafka.job(201, "Chemist", batch, 1));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(batchCounts(batch)).containsEntry("persisted", 2L));
    kafka.sendValid("hired_employees", kafka.hire(201, "Ada", 201, 201, batch, 2),
        kafka.hire(202, "Grace", 999, 201, batch, 3), kafka.hire(203, "Edsger", 201, 201, batch, 4));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(batchCounts(batch)).containsEntry("persisted", 4L).containsEntry("rejected", 1L));
    assertThat(jdbc.queryForList("SELECT id FROM hired_employees WHERE id BETWEEN 201 AND 203 ORDER BY id", Integer.class))
        .containsExactly(201, 203);
    assertThat(jdbc.queryForObject("SELECT reasons::text FROM hired_employees_errors WHERE batch_id = ?", String.class, batch))
        .isEqualTo("[{\"rule\": \"reference\", \"field\": \"department_id\", \"message\": \"department_id 999 names no row of departments\"}]");
  }

  /**
   * The writer writes hires without their foreign key's trigger (its role may), having locked the
   * departments they name itself: a department deleted meanwhile by another transaction is one the
   * writer waits for, then finds gone, and the hire naming it is refused, never written.
   */
  @Test
  void aDepartmentDeletedWhileAHireNamingItIsWrittenLeavesNoHireNamingIt() throws Exception {
    awaitPersisted(departmentAndJob(241), 2);
    String batch = UUID.randomUUID().toString();
    try (Connection deleting = jdbc.getDataSource().getConnection()) {
      deleting.setAutoCommit(false);
      try (Statement delete = deleting.createStatement()) {
        assertThat(delete.executeUpdate("DELETE FROM departments WHERE id = 241")).isEqualTo(1);
      }
      kafka.sendValid("hired_employees", kafka.hire(241, "Waits", 241, 241, batch, 0));
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> batchCounts(batch).isEmpty());
      deleting.commit();
    }

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(batchCounts(batch))
        .containsEntry("rejected", 1L).containsEntry("persisted", 0L));
    assertThat(jdbc.queryForObject("SELECT count(*) FROM hired_employees WHERE id = 241", Long.class)).isZero();
  }

  @Test
  void aHireWrittenWithoutItsTriggerStillKeepsItsDepartmentFromBeingDeleted() {
    awaitPersisted(departmentAndJob(251), 2);
    String batch = UUID.randomUUID().toString();
    kafka.sendValid("hired_employees", kafka.hire(251, "Holds", 251, 251, batch, 0));
    awaitPersisted(batch, 1);

    assertThatThrownBy(() -> jdbc.update("DELETE FROM departments WHERE id = 251"))
        .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("hired_employees");
  }

  @Test
  void timesBeyondTheYears1To9999AreWrittenAsTheInstantsTheyAre() {
    String batch = departmentAndJob(211);
    GenericRecord late = kafka.hire(211, "Late", 211, 211, Instant.parse("+10000-01-01T04:00:00Z"), batch, 2);
    GenericRecord early = kafka.hire(212, "Early", 211, 211, Instant.parse("0000-12-31T23:00:00Z"), batch, 3);
    kafka.sendValid("hired_employees", late, early);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(batchCounts(batch)).containsEntry("persisted", 4L).containsEntry("rejected", 0L));
    assertThat(jdbc.queryForList("SELECT extract(epoch FROM datetime)::numeric(20, 1)::text FROM hired_employees"
        + " WHERE id IN (211, 212) ORDER BY id", String.class))
        .containsExactly(((Instant) late.get("datetime")).getEpochSecond() + ".0",
            ((Instant) early.get("datetime")).getEpochSecond() + ".0");
  }

  @Test
  void aTimeBeforeAnyPostgresCanHoldIsKeptWithTheDatabasesMessageAndTheRestOfItsPollIsWritten() {
    String batch = departmentAndJob(221);
    kafka.sendValidTogether("hired_employees", 0,
        kafka.hire(221, "Ancient", 221, 221, Instant.parse("-5000-01-01T00:00:00Z"), batch, 2),
        kafka.hire(222, "Recent", 221, 221, batch, 3));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(batchCounts(batch)).containsEntry("persisted", 3L).containsEntry("rejected", 1L));
    assertThat(jdbc.queryForList("SELECT id FROM hired_employees WHERE id IN (221, 222)", Integer.class))
        .containsExactly(222);
    assertThat(jdbc.queryForMap("SELECT raw->>'name' AS name, reasons->0->>'rule' AS rule,"
        + " reasons->0->>'message' AS message FROM hired_employees_errors WHERE batch_id = ?", batch))
        .containsEntry("name", "Ancient").containsEntry("rule", "database")
        .hasEntrySatisfying("message", m -> assertThat((String) m).contains("timestamp out of range"));
  }

  @Test
  void aRowTheDatabaseRefusesIsKeptWithItsMessageAndTheOthersOfItsPollAreWritten() {
    jdbc.execute("ALTER TABLE jobs ADD CONSTRAINT no_forbidden_jobs CHECK (job <> 'Forbidden')");
    try {
      String batch = UUID.randomUUID().toString();
      kafka.sendValid("jobs", kafka.job(301, "Allowed", batch, 0), kafka.job(302, "Forbidden", batch, 1),
          kafka.job(303, "Also allowed", batch, 2));

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(batchCounts(batch)).containsEntry("persisted", 2L).containsEntry("rejected", 1L));
      assertThat(jdbc.queryForList("SELECT id FROM jobs WHERE id BETWEEN 301 AND 303 ORDER BY id", Integer.class))
          .containsExactly(301, 303);
      assertThat(jdbc.queryForMap("SELECT raw->>'job' AS job, reasons->0->>'rule' AS rule, reasons->0->>'message' AS message,"
          + " stage FROM jobs_errors WHERE batch_id = ?", batch))
          .containsEntry("job", "Forbidden").containsEntry("rule", "database").containsEntry("stage", "writer")
          .hasEntrySatisfying("message", m -> assertThat((String) m).contains("no_forbidden_jobs"));
    } finally {
      jdbc.execute("ALTER TABLE jobs DROP CONSTRAINT no_forbidden_jobs");
    }
  }

  @Test
  void aRecordTheWriterCannotReadIsKeptWithItsBytes() {
    kafka.send("rowgate.jobs.valid", null, new byte[] {1, 2, 3});

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
        "SELECT payload, reasons->0->>'rule' AS rule, stage FROM jobs_errors WHERE source_topic = 'rowgate.jobs.valid'"))
        .singleElement().satisfies(row -> {
          assertThat((byte[]) row.get("payload")).containsExactly(1, 2, 3);
          assertThat(row).containsEntry("rule", "decode").containsEntry("stage", "writer");
        }));
  }

  /** Sends department and job {@code id} as rows 0 and 1 of a new batch; returns the batch's id. */
  private void awaitPersisted(String batch, long rows) {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(batchCounts(batch))
        .containsEntry("persisted", rows));
  }

  private String departmentAndJob(int id) {
    String batch = UUID.randomUUID().toString();
    kafka.sendValid("departments", kafka.department(id, "Department " + id, batch, 0));
    kafka.sendValid("jobs", kafka.job(id, "Job " + id, batch, 1));
    return batch;
  }

  private Map<String, Object> batchCounts(String batch) {
    return jdbc.queryForList("SELECT valid, rejected, persisted FROM ingest_batches WHERE id = ?", batch).stream()
        .findFirst().orElse(Map.of());
  }
}
