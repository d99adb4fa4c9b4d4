package dev.rowgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.rowgate.stack.Service;
import dev.rowgate.stack.test.DatabaseNeutral;
import dev.rowgate.stack.test.Http;
import org.junit.jupiter.api.Test;

/**
 * The readiness of the ingest API and of db-writer follows what they need: DOWN, naming it, while
 * Kafka or PostgreSQL is gone, and UP again on its own once it is back. The database is an
 * embedded one of this test's own, which it stops and starts again on the same data and port.
 */
@DatabaseNeutral
class ReadinessOutageIT extends PipelineOnOwnDatabase {

  static final List<Service> WATCHED = List.of(Service.INGEST_API, Service.DB_WRITER);

  @Test
  void readinessIsDownWhileKafkaOrPostgresqlIsGoneAndUpOnceItIsBack() {
    awaitReadiness(200, null);

    CompletableFuture<Void> brokerAway = CompletableFuture.runAsync(() -> {
      try {
        pipeline.stack.restartBroker(Duration.ofSeconds(40));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    });
    awaitReadiness(503, "kafka");
    brokerAway.join();
    awaitReadiness(200, null);

    database.stop();
    awaitReadiness(503, "db");
    database.startAgain();
    awaitReadiness(200, null);
  }

  /** Waits until the readiness of both services answers {@code status}, with {@code down} DOWN if given. */
  private static void awaitReadiness(int status, String down) {
    for (Service service : WATCHED) {
      Http http = new Http(pipeline.stack.url(service, 1));
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
        Http.Answer readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.status()).as(service.module() + ": " + readiness.body()).isEqualTo(status);
        if (down != null) {
          assertThat(readiness.json().at("/components/" + down + "/status").stringValue()).isEqualTo("DOWN");
        }
      });
    }
  }
}
