package dev.rowgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

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
    pipeline.awaitHiresOver(0);
    boolean uploadDoneBefore = upload.isDone();
    outage.happen();

    assertThat(uploadDoneBefore).as("upload done before the outage").isFalse();
    hires.assertLoadedOnce(pipeline, pipeline.awaitBatch(upload.join(), Duration.ofMinutes(3)));
  }
}
