package dev.rowgate.pipeline;

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
   * Uploads the first third of the hires; once the first of them are persisted, sends the rest and
   * lets the outage happen, so that the rest arrives while the broker is away; then checks that the
   * upload was accepted and that every row ended in its table or its errors table, once.
   */
  static void assertLoadSurvives(Pipeline pipeline, GeneratedHires hires, Outage outage) throws Exception {
    Pipeline.HeldCsv upload = pipeline.sendCsvHeld("hired_employees", hires.file(), hires.count() / 3);
    pipeline.awaitHiresOver(0);
    CompletableFuture<String> batch = upload.sendRest();
    outage.happen();

    hires.assertLoadedOnce(pipeline, pipeline.awaitBatch(batch.join(), Duration.ofMinutes(3)));
  }
}
