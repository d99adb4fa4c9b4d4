package dev.rowgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;

/** A load of hires with something done to the broker in the middle of it, while the file is still arriving. */
final class BrokerOutage {

  /** What happens to the broker: it is stopped, or killed, and started again. */
  interface Outage {
    void happen() throws Exception;
  }

  private BrokerOutage() {
  }

  /**
   * Uploads the hires; once the first of them are persisted, and while the file is still arriving,
   * lets the outage happen; then checks that the upload was accepted and that every row ended in
   * its table or its errors table, once.
   */
  static void assertLoadSurvives(Pipeline pipeline, GeneratedHires hires, Outage outage) throws Exception {
    CompletableFuture<String> upload = CompletableFuture.supplyAsync(
        () -> pipeline.sendCsv("hired_employees", hires.file()));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .until(() -> pipeline.count("SELECT count(*) FROM hired_employees") > 0);
    boolean uploadDoneBefore = upload.isDone();
    outage.happen();

    assertThat(uploadDoneBefore).as("upload done before the outage").isFalse();
    String batch = upload.join();
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(status(pipeline, batch).get("state").stringValue()).isEqualTo("done"));
    hires.assertLoadedOnce(pipeline, status(pipeline, batch));
  }

  private static JsonNode status(Pipeline pipeline, String batch) {
    return pipeline.api.get("/api/v1/batches/" + batch + "?size=0").json();
  }
}
