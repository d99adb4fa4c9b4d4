package dev.rowgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.rowgate.stack.Service;
import dev.rowgate.stack.test.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The ingest API killed with SIGKILL in the middle of publishing a bulk redrive: once it is started
 * again, every rejection chosen is redriven and its row sent, and each row is taken once by the
 * writer, whatever copies of it reached the raw topic.
 */
class RedriveKillIT {

  static Pipeline pipeline;

  @BeforeAll
  static void start() {
    // Small chunks: a redrive of 19,000 rows takes hundreds of transactions, one of which the kill interrupts.
    pipeline = Pipeline.withEnvironment(Map.of(Service.BACKUP, 0), Map.of("ROWGATE_INGEST_REDRIVECHUNK", "50"));
  }

  @AfterAll
  static void stop() {
    pipeline.close();
  }

  @Test
  void aRedriveInterruptedByAKillSendsEveryRowOnceAfterTheRestart() throws IOException {
    GeneratedHires hires = GeneratedHires.write(20_000);
    pipeline.awaitBatch(pipeline.sendHiringData("jobs"));
    JsonNode refused = pipeline.awaitBatch(pipeline.sendCsv("hired_employees", hires.file()), Duration.ofSeconds(180));
    assertThat(refused.get("rejected").longValue()).isEqualTo(hires.count());
    pipeline.awaitBatch(pipeline.sendHiringData("departments"));
    long chosen = pipeline.count("SELECT count(*) FROM hired_employees_errors WHERE reasons @> '[{\"rule\": \"reference\"}]'");
    Http operator = pipeline.admin(Service.INGEST_API);

    CompletableFuture<Http.Answer> redrive = CompletableFuture.supplyAsync(
        () -> operator.post("/api/v1/tables/hired_employees/errors/redrive?rule=reference"));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
        .until(() -> pipeline.count("SELECT count(*) FROM redrive_rows WHERE published_at IS NOT NULL") >= 1_000);
    pipeline.stack.process(Service.INGEST_API, 1).kill();
    long publishedAtKill = pipeline.count("SELECT count(*) FROM redrive_rows WHERE published_at IS NOT NULL");
    pipeline.stack.startInstance(Service.INGEST_API, 1);

    assertThat(publishedAtKill).as("rows published when killed").isBetween(1_000L, chosen - 1);
    assertThat(redrive).failsWithin(Duration.ofSeconds(30));
    String batch = pipeline.text("SELECT DISTINCT batch_id FROM redrive_rows");
    JsonNode status = pipeline.awaitBatch(batch, Duration.ofSeconds(240));
    assertThat(status.get("state").stringValue()).isEqualTo("done");
    assertThat(status.get("received").longValue()).isEqualTo(chosen);
    assertThat(status.get("persisted").longValue() + status.get("rejected").longValue()).isEqualTo(chosen);
    assertThat(status.get("persisted").longValue()).isEqualTo(hires.persisted());
    assertThat(pipeline.count("SELECT count(*) FROM hired_employees")).isEqualTo(hires.persisted());
    assertThat(pipeline.count("SELECT count(*) FROM redrive_rows WHERE taken_at IS NOT NULL")).isEqualTo(chosen);
    assertThat(pipeline.count("SELECT count(*) FROM hired_employees_errors WHERE state = 'open' AND "
        + "reasons @> '[{\"rule\": \"reference\"}]' AND batch_id <> '" + batch + "'")).isZero();
    assertThat(pipeline.count("SELECT count(*) - count(DISTINCT row_index) FROM hired_employees_errors "
        + "WHERE batch_id = '" + batch + "'")).as("rows of the redrive rejected twice").isZero();
  }
}
