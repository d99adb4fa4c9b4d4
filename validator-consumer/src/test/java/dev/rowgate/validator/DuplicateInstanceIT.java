package dev.rowgate.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.rowgate.service.test.DefinedDatabase;
import dev.rowgate.stack.KafkaBroker;
import dev.rowgate.stack.Service;
import dev.rowgate.stack.ServiceProcess;
import dev.rowgate.stack.test.DatabaseNeutral;
import dev.rowgate.stack.test.Http;
import dev.rowgate.stack.test.ServiceJar;
import dev.rowgate.stack.test.TestInfrastructure;
import dev.rowgate.stack.test.TestJvm;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two validators started with the same ROWGATE_INSTANCE_ID: the second takes the first one's
 * place in the consumer group, and the first, fenced out, reads nothing more. It must say so in
 * its liveness, so that an orchestrator restarts it, instead of looking healthy while idle.
 */
@DatabaseNeutral
class DuplicateInstanceIT {

  private static final String LIVENESS = "/actuator/health/liveness";
  private static final String DATABASE = DefinedDatabase.create();

  @Test
  void aValidatorFencedOutByAnotherWithItsInstanceIdIsNoLongerLive() {
    int firstPort = KafkaBroker.freePort();
    int secondPort = KafkaBroker.freePort();
    try (KafkaBroker broker = TestInfrastructure.newBroker();
         ServiceProcess first = validator(broker, "first", firstPort);
         ServiceProcess second = validator(broker, "second", secondPort)) {
      Http firstHttp = new Http(firstPort);

      await().atMost(Duration.ofSeconds(90)).until(() -> firstHttp.get(LIVENESS).status() == 503);
      JsonNode liveness = firstHttp.get(LIVENESS).json();
      assertThat(liveness.at("/components/kafkaListeners/status").stringValue()).isEqualTo("DOWN");
      assertThat(liveness.at("/components/kafkaListeners/details/stopped").toString()).contains("validator");
      assertThat(new Http(secondPort).get(LIVENESS).status()).isEqualTo(200);
    }
  }

  private static ServiceProcess validator(KafkaBroker broker, String name, int port) {
    ServiceProcess process = ServiceProcess.start("validator-" + name, TestJvm.options("256m"),
        List.of("-jar", ServiceJar.of(Service.VALIDATOR)),
        Map.of("ROWGATE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
            "ROWGATE_VALIDATOR_PORT", String.valueOf(port), "ROWGATE_INSTANCE_ID", "twin",
            "ROWGATE_DB_URL", DATABASE, "ROWGATE_DB_USER", ""),
        Path.of("target", "duplicate-instance-" + name + ".log"));
    process.awaitHttpOk("http://localhost:" + port + LIVENESS, Duration.ofSeconds(90));
    return process;
  }
}
