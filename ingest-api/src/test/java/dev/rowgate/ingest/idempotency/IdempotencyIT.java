package dev.rowgate.ingest.idempotency;

import static dev.rowgate.stack.test.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.rowgate.ingest.ApiOnOwnInfrastructure;
import dev.rowgate.stack.test.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** Idempotency keys of JSON batches and CSV files, on a real broker and database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "rowgate.ingest.sweep=1s")
class IdempotencyIT extends ApiOnOwnInfrastructure {

  @Test
  void theSameIdempotencyKeyAndBodyGetTheFirstAnswerAndPublishNothingAgain() {
    assertKeyReplaysItsFirstAnswer("/api/v1/tables/jobs/rows", "application/json",
        "[{\"id\": 41, \"job\": \"Welder\"}]", "[{\"id\": 42, \"job\": \"Cook\"}]", "k-41");
  }

  @Test
  void anIdempotencyKeyIsForgottenOnceItIsOlderThanItsRetention() {
    Http.Answer first = http.post("/api/v1/tables/jobs/rows", "application/json", "[{\"id\": 43, \"job\": \"Baker\"}]",
        "Idempotency-Key", "k-43");
    jdbc.update("UPDATE idempotency_keys SET created_at = created_at - interval '25 hours' WHERE key = 'k-43'");
    Http.Answer other = http.post("/api/v1/tables/jobs/rows", "application/json", "[{\"id\": 44, \"job\": \"Cook\"}]",
        "Idempotency-Key", "k-43");

    assertThat(other.status()).as(other.body()).isEqualTo(202);
    assertThat(other.json().get("batchId")).isNotEqualTo(first.json().get("batchId"));

    String fresh = "k-45";
    http.post("/api/v1/tables/jobs/rows", "application/json", "[{\"id\": 45, \"job\": \"Tailor\"}]",
        "Idempotency-Key", fresh);
    jdbc.update("UPDATE idempotency_keys SET created_at = created_at - interval '25 hours' WHERE key = 'k-43'");
    await().atMost(Duration.ofSeconds(10)).until(() -> keys("k-43") == 0);
    assertThat(keys(fresh)).isEqualTo(1);
  }

  @Test
  void theSameIdempotencyKeyWorksForCsvFilesToo() {
    assertKeyReplaysItsFirstAnswer("/api/v1/tables/jobs/csv", "text/csv", "51,Painter\n", "52,Poet\n", "csv-51");
  }

  /**
   * Sends {@code body} twice and {@code other} once under {@code key}: the second request gets the
   * first one's answer and publishes nothing, the third is refused with 422.
   */
  private void assertKeyReplaysItsFirstAnswer(String path, String contentType, String body, String other,
                                              String key) {
    Http.Answer first = http.post(path, contentType, body, "Idempotency-Key", key);
    long batches = batches();
    Http.Answer again = http.post(path, contentType, body, "Idempotency-Key", key);
    Http.Answer refused = http.post(path, contentType, other, "Idempotency-Key", key);

    assertThat(first.status()).as(first.body()).isEqualTo(202);
    assertThat(again.status()).as(again.body()).isEqualTo(202);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(again.header("Location")).isEqualTo(first.header("Location"));
    assertProblem(refused, 422, "idempotency-key-reused");
    assertThat(batches()).isEqualTo(batches);
  }

  private long keys(String key) {
    return jdbc.queryForObject("SELECT count(*) FROM idempotency_keys WHERE key = ?", Long.class, key);
  }
}
