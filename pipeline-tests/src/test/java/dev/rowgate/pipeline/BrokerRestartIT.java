package dev.rowgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.rowgate.stack.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Kafka broker stopped in the middle of a load and started again seconds later, while the
 * file is still arriving: the ingest API, the validator and the writer find it again on their own,
 * the upload is accepted, and every row ends in its table or its errors table, once.
 */
class BrokerRestartIT {

  static Pipeline pipeline;

  @BeforeAll
  static void start() {
    pipeline = Pipeline.startWithDepartmentsAndJobs(Map.of(Service.BACKUP, 0));
  }

  @AfterAll
  static void stop() {
    pipeline.close();
  }

  @Test
  void aLoadSurvivesTheBrokerRestartedMidwayWithNoRowLostOrDuplicated() throws IOException, InterruptedException {
    GeneratedHires hires = GeneratedHires.write(500_000);

    CompletableFuture<String> upload = CompletableFuture.supplyAsync(
        () -> pipeline.sendCsv("hired_employees", hires.file()));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .until(() -> pipeline.count("SELECT count(*) FROM hired_employees") > 0);
    boolean uploadDoneAtStop = upload.isDone();
    pipeline.stack.restartBroker(Duration.ofSeconds(5));

    assertThat(uploadDoneAtStop).as("upload done when the broker stopped").isFalse();
    String batch = upload.join();
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(status(batch).get("state").stringValue()).isEqualTo("done"));
    hires.assertLoadedOnce(pipeline, status(batch));
  }

  private static JsonNode status(String batch) {
    return pipeline.api.get("/api/v1/batches/" + batch + "?size=0").json();
  }
}
