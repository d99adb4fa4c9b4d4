package dev.rowgate.ingest.batch;

import static dev.rowgate.stack.test.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.rowgate.ingest.ApiOnOwnInfrastructure;
import dev.rowgate.ingest.UploadUnderway;
import dev.rowgate.stack.test.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * A batch's status: its counts and rejected rows, waiting for it, its retention, and what a running
 * request holds on a lease (its batch and its Idempotency-Key) when its instance goes on or goes away.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"rowgate.ingest.lease=2s", "rowgate.ingest.sweep=1s"})
class BatchStatusIT extends ApiOnOwnInfrastructure {

  @Test
  void batchStatusCountsRowsAndAWaitingClientIsAnsweredWhenTheWriterFinishesTheBatch() throws Exception {
    Http.Answer accepted = http.post("/api/v1/tables/departments/rows", "application/json",
        "[{\"id\": 61, \"department\": \"A\"}, {\"id\": 62, \"department\": \"\"}]");
    String batchId = accepted.json().get("batchId").stringValue();
    assertThat(state(batchId)).isEqualTo("accepted");

    CompletableFuture<Http.Answer> waiting = http.getAsync("/api/v1/batches/" + batchId + "?wait=60s");
    await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());

    jdbc.update("UPDATE ingest_batches SET valid = 1, persisted = 1, rejected = 1 WHERE id = ?", batchId);
    rejectedRow("departments", batchId, 1, "{\"id\": 62, \"department\": \"\"}", "department", 99);
    jdbc.execute("NOTIFY rowgate_batches, '" + batchId + "'");
    // Answered once the batch is done, not at the end of its minute of waiting.
    JsonNode status = waiting.get(10, TimeUnit.SECONDS).json();

    assertThat(status.get("state").stringValue()).isEqualTo("done");
    assertThat(status.get("received").longValue()).isEqualTo(2);
    assertThat(status.get("persisted").longValue()).isEqualTo(1);
    JsonNode rejected = status.get("rejectedRows");
    assertThat(rejected.get("total").longValue()).isEqualTo(1);
    assertThat(rejected.get("items").get(0).get("index").intValue()).isEqualTo(1);
    assertThat(rejected.get("items").get(0).get("reasons").get(0).get("rule").stringValue()).isEqualTo("required");
    JsonNode countsOnly = http.get("/api/v1/batches/" + batchId + "?size=0").json().get("rejectedRows");
    assertThat(countsOnly.get("total").longValue()).isEqualTo(1);
    assertThat(countsOnly.get("items")).isEmpty();
    assertProblem(http.get("/api/v1/batches/no-such-batch"), 404, "unknown-batch");
    assertProblem(http.get("/api/v1/batches/" + batchId + "?size=-1"), 400, "bad-page");
    assertProblem(http.get("/api/v1/batches/" + batchId + "?wait=forever"), 400, "bad-wait");
    Http.Answer notANumber = http.get("/api/v1/batches/" + batchId + "?page=x");
    assertProblem(notANumber, 400, "bad-parameter");
    assertThat(notANumber.json().get("detail").stringValue()).isEqualTo("'page' takes a whole number, not 'x'");
  }

  @Test
  void theRejectedRowsOfABatchComePageByPageInTheirOrder() {
    Http.Answer accepted = http.post("/api/v1/tables/departments/rows", "application/json",
        "[{\"id\": 71, \"department\": \"\"}, {\"id\": 72, \"department\": \"\"}, {\"id\": 73, \"department\": \"\"}]");
    String batchId = accepted.json().get("batchId").stringValue();
    for (int index = 0; index < 3; index++) {
      rejectedRow("departments", batchId, index, "{\"id\": " + (71 + index) + ", \"department\": \"\"}",
          "department", 200 + index);
    }
    jdbc.update("UPDATE ingest_batches SET rejected = 3 WHERE id = ?", batchId);

    JsonNode first = http.get("/api/v1/batches/" + batchId + "?size=2").json().get("rejectedRows");
    JsonNode second = http.get("/api/v1/batches/" + batchId + "?size=2&page=1").json().get("rejectedRows");
    JsonNode beyond = http.get("/api/v1/batches/" + batchId + "?size=2&page=2").json().get("rejectedRows");

    assertThat(first.get("total").longValue()).isEqualTo(3);
    assertThat(first.get("items").valueStream().map(i -> i.get("index").intValue())).containsExactly(0, 1);
    assertThat(second.get("total").longValue()).isEqualTo(3);
    assertThat(second.get("items").valueStream().map(i -> i.get("index").intValue())).containsExactly(2);
    assertThat(beyond.get("items")).isEmpty();
  }

  @Test
  void aHireHeldForItsDepartmentIsCountedAsWaitingUntilTheWriterLetsItGo() {
    Http.Answer accepted = http.post("/api/v1/tables/hired_employees/rows", "application/json",
        "[{\"id\": 81, \"name\": \"A\", \"datetime\": \"2021-01-01T00:00:00Z\", \"department_id\": 1,"
            + " \"job_id\": 1}, {\"id\": 82, \"name\": \"B\", \"datetime\": \"2021-01-01T00:00:00Z\","
            + " \"department_id\": 99, \"job_id\": 1}]");
    String batchId = accepted.json().get("batchId").stringValue();
    jdbc.update("UPDATE ingest_batches SET valid = 2, persisted = 1 WHERE id = ?", batchId);
    jdbc.update("INSERT INTO reference_waits (table_name, row_key, refs, batch_id, channel, record) "
        + "VALUES ('hired_employees', '82', '{99,1}', ?, 'API_JSON', '\\x00')", batchId);

    JsonNode held = http.get("/api/v1/batches/" + batchId).json();
    assertThat(held.get("state").stringValue()).isEqualTo("processing");
    assertThat(held.get("waiting").longValue()).isEqualTo(1);

    jdbc.update("DELETE FROM reference_waits WHERE batch_id = ?", batchId);
    jdbc.update("UPDATE ingest_batches SET persisted = 2 WHERE id = ?", batchId);
    JsonNode done = http.get("/api/v1/batches/" + batchId).json();
    assertThat(done.get("state").stringValue()).isEqualTo("done");
    assertThat(done.get("waiting").longValue()).isZero();
  }

  @Test
  void anUploadStillArrivingKeepsItsBatchAndItsKeyLongAfterTheLeaseBecauseItsInstanceRenewsThem() throws Exception {
    String fileName = UUID.randomUUID() + ".csv";
    Http.Upload upload = http.upload("/api/v1/tables/departments/csv?fileName=" + fileName, "text/csv",
        "Idempotency-Key", fileName);
    upload.send("71,Early\n");
    String batchId = UploadUnderway.batchOf(jdbc, fileName);

    await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).until(() -> "receiving".equals(state(batchId)));
    assertProblem(http.post("/api/v1/tables/departments/csv", "text/csv", "73,Other\n", "Idempotency-Key", fileName),
        409, "idempotency-key-in-use");
    upload.send("72,Late\n");

    assertThat(upload.finish().status()).isEqualTo(202);
    JsonNode status = http.get("/api/v1/batches/" + batchId).json();
    assertThat(status.get("received").longValue()).isEqualTo(2);
    assertThat(status.has("failure")).isFalse();
  }

  @Test
  void aRequestWhoseKeyWasTakenOverAfterItsLeaseLapsedLeavesTheNewClaimAlone() {
    Http.Upload finishing = http.upload("/api/v1/tables/departments/csv?fileName=taken-1.csv", "text/csv",
        "Idempotency-Key", "taken-1");
    finishing.send("74,Early\n");
    UploadUnderway.batchOf(jdbc, "taken-1.csv");
    UUID newClaim = takeOver("taken-1");
    finishing.send("75,Late\n");
    assertThat(finishing.finish().status()).isEqualTo(202);

    Http.Upload failing = http.upload("/api/v1/tables/departments/csv?fileName=taken-2.csv",
        "text/csv; charset=US-ASCII", "Idempotency-Key", "taken-2");
    failing.send("76,Early\n");
    UploadUnderway.batchOf(jdbc, "taken-2.csv");
    UUID otherNewClaim = takeOver("taken-2");
    failing.send("77,Caf\u00e9\n");
    assertProblem(failing.finish(), 400, "unreadable-input");

    assertThat(jdbc.queryForList("SELECT key || ' ' || claim_token || ' ' || (response IS NULL) FROM idempotency_keys "
        + "WHERE key LIKE 'taken-%' ORDER BY key", String.class))
        .containsExactly("taken-1 " + newClaim + " true", "taken-2 " + otherNewClaim + " true");
  }

  /** What another instance does with a key whose lease lapsed: takes it for a request of its own. */
  private UUID takeOver(String key) {
    return jdbc.queryForObject("UPDATE idempotency_keys SET claim_token = gen_random_uuid(), "
        + "claimed_until = now() + interval '1 hour' WHERE key = ? RETURNING claim_token", UUID.class, key);
  }

  @Test
  void anIdempotencyKeyLeftByARequestWhoseInstanceStoppedIsFreeOnceItsLeaseRunsOut() {
    jdbc.update("INSERT INTO idempotency_keys (key, claimed_until) VALUES ('left-behind', now() + interval '1 second')");
    String body = "[{\"id\": 91, \"job\": \"Diver\"}]";

    assertProblem(http.post("/api/v1/tables/jobs/rows", "application/json", body, "Idempotency-Key", "left-behind"),
        409, "idempotency-key-in-use");
    Http.Answer retried = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(
        () -> http.post("/api/v1/tables/jobs/rows", "application/json", body, "Idempotency-Key", "left-behind"),
        answer -> answer.status() != 409);

    assertThat(retried.status()).as(retried.body()).isEqualTo(202);
    assertThat(http.post("/api/v1/tables/jobs/rows", "application/json", body, "Idempotency-Key", "left-behind")
        .json()).isEqualTo(retried.json());
  }

  @Test
  void anUploadWhoseInstanceStoppedShowsAsAbandonedOnceItsLeaseRunsOutAndNoOneWaitsForIt() throws Exception {
    String batchId = UUID.randomUUID().toString();
    jdbc.update("""
        INSERT INTO ingest_batches (id, table_name, channel, file_name, persisted, receiving_until)
        VALUES (?, 'jobs', 'API_CSV', 'jobs.csv', 40, now() + interval '1 second')""", batchId);
    assertThat(state(batchId)).isEqualTo("receiving");

    await().atMost(Duration.ofSeconds(10)).until(() -> "failed".equals(state(batchId)));
    JsonNode status = http.getAsync("/api/v1/batches/" + batchId + "?wait=60s").get(20, TimeUnit.SECONDS).json();

    assertThat(status.get("state").stringValue()).isEqualTo("failed");
    assertThat(status.get("failure").stringValue()).startsWith("abandoned: ");
    assertThat(status.get("persisted").longValue()).isEqualTo(40);
    assertThat(status.has("received")).isFalse();
  }

  @Test
  void aBatchsStatusIsForgottenOnceItIsOlderThanItsRetentionAndItsRejectedRowsStay() {
    Http.Answer old = http.post("/api/v1/tables/jobs/rows", "application/json", "[{\"id\": 81, \"job\": \"\"}]");
    Http.Answer fresh = http.post("/api/v1/tables/jobs/rows", "application/json", "[{\"id\": 82, \"job\": \"\"}]");
    String oldId = old.json().get("batchId").stringValue();
    rejectedRow("jobs", oldId, 0, "{\"id\": 81, \"job\": \"\"}", "job", 7);
    jdbc.update("UPDATE ingest_batches SET created_at = now() - interval '31 days' WHERE id = ?", oldId);

    await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/batches/" + oldId).status() == 404);
    assertThat(http.get(fresh.header("Location")).status()).isEqualTo(200);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM jobs_errors WHERE batch_id = ?", Long.class, oldId))
        .isEqualTo(1);
  }

  /** The validator's reject of row {@code index} of a JSON batch, whose {@code field} was empty. */
  private void rejectedRow(String table, String batchId, int index, String raw, String field, long offset) {
    jdbc.update("INSERT INTO " + table + "_errors (batch_id, row_index, channel, received_at, raw, reasons, stage,"
        + " source_topic, source_partition, source_offset)"
        + " VALUES (?, ?, 'API_JSON', now(), ?::jsonb, jsonb_build_array(jsonb_build_object('field', ?::text,"
        + " 'rule', 'required', 'message', ?::text || ' is empty')), 'validator', ?, 0, ?)",
        batchId, index, raw, field, field, "rowgate." + table + ".raw", offset);
  }

  private String state(String batchId) {
    return http.get("/api/v1/batches/" + batchId).json().get("state").stringValue();
  }
}
