package dev.rowgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;

import dev.rowgate.stack.Service;
import dev.rowgate.stack.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The stack of ./run-local supervises its services: db-writer killed with SIGKILL in the middle
 * of a load is started again by the stack alone, the load ends with every row persisted once, and
 * the stack's status names the restart.
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
}
