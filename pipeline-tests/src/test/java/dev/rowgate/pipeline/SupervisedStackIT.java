package dev.rowgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import dev.rowgate.stack.Service;
import dev.rowgate.stack.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The stack of ./run-local supervises its services: db-writer killed with SIGKILL in the middle
 * of a load is started again by the stack alone, the load ends with every row persisted once, and
 * the stack's status names the restart; ingest-api killed in the middle of a CSV upload is started
 * again, and the client that sends the file again finds every row in its table once.
 */
class SupervisedStackIT {

  static Pipeline pipeline;

  @BeforeAll
  static void start() {
    pipeline = Pipeline.supervised().withDepartmentsAndJobs();
  }

  @AfterAll
  static void stop() {
    pipeline.close();
  }

  @BeforeEach
  void noHires() {
    pipeline.execute("TRUNCATE hired_employees, hired_employees_errors");
  }

  @Test
  void aWriterKilledDuringALoadIsStartedAgainAndEveryRowIsPersistedOnce() throws IOException {
    GeneratedHires hires = GeneratedHires.write(60_000);
    ServiceProcess writer = pipeline.stack.process(Service.DB_WRITER, 1);
    String batch = pipeline.sendCsv("hired_employees", hires.file());
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
        .until(() -> pipeline.count("SELECT count(*) FROM hired_employees") >= 5_000);

    writer.kill();
    long persistedAtKill = pipeline.count("SELECT count(*) FROM hired_employees");

    assertThat(persistedAtKill).as("rows persisted when killed").isLessThan(hires.persisted());
    JsonNode status = pipeline.awaitBatch(batch, Duration.ofSeconds(240));
    assertThat(status.get("state").stringValue()).isEqualTo("done");
    assertThat(status.get("persisted").longValue()).isEqualTo(hires.persisted());
    assertThat(status.get("rejected").longValue()).isEqualTo(hires.count() - hires.persisted());
    assertThat(pipeline.count("SELECT count(*) FROM hired_employees")).isEqualTo(hires.persisted());
    ServiceProcess again = pipeline.stack.process(Service.DB_WRITER, 1);
    assertThat(again.pid()).isNotEqualTo(writer.pid());
    assertThat(again.isAlive()).isTrue();
    assertThat(pipeline.stack.status()).containsPattern("db-writer-1 +" + again.pid() + " .* 1  exit 137 at ");
  }

  @Test
  void aCsvUploadCutByAKilledIngestApiAndSentAgainLeavesEveryRowInItsTableOnce() throws IOException {
    GeneratedHires hires = GeneratedHires.write(40_000);
    ServiceProcess api = pipeline.stack.process(Service.INGEST_API, 1);
    Pipeline.HeldCsv held = pipeline.sendCsvHeld("hired_employees", hires.file(), 20_000);
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
        .until(() -> pipeline.count("SELECT count(*) FROM hired_employees") >= 1_000);

    api.kill();
    assertThatThrownBy(held.upload()::finish).as("the cut upload's answer").isInstanceOf(CompletionException.class);
    long persistedOfCut = pipeline.count("SELECT count(*) FROM hired_employees");
    assertThat(persistedOfCut).as("rows of the cut upload persisted").isBetween(1_000L, hires.persistedOfFirst(20_000));
    ServiceProcess again = await().atMost(Duration.ofSeconds(30))
        .until(() -> pipeline.stack.process(Service.INGEST_API, 1), started -> started.pid() != api.pid());
    again.awaitHttpOk(pipeline.stack.url(Service.INGEST_API, 1) + "/actuator/health/readiness", Duration.ofSeconds(90));
    String batch = pipeline.sendCsv("hired_employees", hires.file());

    JsonNode status = pipeline.awaitBatch(batch, Duration.ofSeconds(240));
    assertThat(status.get("state").stringValue()).isEqualTo("done");
    assertThat(status.get("received").longValue()).isEqualTo(hires.count());
    assertThat(pipeline.count("SELECT count(*) FROM hired_employees")).isEqualTo(hires.persisted());
    assertThat(pipeline.count("SELECT count(DISTINCT id) FROM hired_employees WHERE name = 'Hire ' || id"))
        .isEqualTo(hires.persisted());
    assertThat(pipeline.stack.status()).containsPattern("ingest-api-1 +" + again.pid() + " .* 1  exit 137 at ");
  }
}
