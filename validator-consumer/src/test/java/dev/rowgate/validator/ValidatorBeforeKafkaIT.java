package dev.rowgate.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.rowgate.service.test.DefinedDatabase;
import dev.rowgate.service.test.TestDefinitions;
import dev.rowgate.stack.KafkaBroker;
import dev.rowgate.stack.Service;
import dev.rowgate.stack.ServiceProcess;
import dev.rowgate.stack.test.DatabaseNeutral;
import dev.rowgate.stack.test.Http;
import dev.rowgate.stack.test.ServiceJar;
import dev.rowgate.stack.test.TestJvm;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * The validator started before its Kafka cluster: it answers at once that it is not ready, and
 * when the cluster comes it creates its topics and becomes ready.
 */
@DatabaseNeutral
class ValidatorBeforeKafkaIT {

  @Test
  void aValidatorStartedBeforeKafkaSaysItIsNotReadyThenCreatesItsTopicsWhenKafkaComes() throws Exception {
    int kafkaPort = KafkaBroker.freePort();
    int port = KafkaBroker.freePort();
    String readiness = "/actuator/health/readiness";
    Http http = new Http(port);
    try (ServiceProcess validator = ServiceProcess.start("validator-before-kafka", TestJvm.options("256m"),
        List.of("-jar", ServiceJar.of(Service.VALIDATOR)),
        Map.of("ROWGATE_KAFKA_BOOTSTRAP_SERVERS", "localhost:" + kafkaPort, "ROWGATE_VALIDATOR_PORT", String.valueOf(port),
            "ROWGATE_DB_URL", DefinedDatabase.create(), "ROWGATE_DB_USER", ""),
        Path.of("target", "validator-before-kafka.log"))) {
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> http.get(readiness).status() == 503);

      try (KafkaBroker broker = KafkaBroker.start(Files.createTempDirectory("rowgate-late-kafka-"), kafkaPort, 1)) {
        validator.awaitHttpOk("http://localhost:" + port + readiness, Duration.ofSeconds(90));
        assertThat(partitions(broker)).hasSize(9).allSatisfy((topic, partitions) -> assertThat(partitions).isEqualTo(6));
      }
    }
  }

  private static Map<String, Integer> partitions(KafkaBroker broker) throws Exception {
    List<String> topics = TestDefinitions.shipped().tables().stream()
        .flatMap(t -> Stream.of(t.rawTopic(), t.validTopic(), t.rejectedTopic())).toList();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      return admin.describeTopics(topics).allTopicNames().get().entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().partitions().size()));
    }
  }
}
