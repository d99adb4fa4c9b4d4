package dev.rowgate.ingest.publish;

import static dev.rowgate.stack.test.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.rowgate.ingest.ApiOnOwnInfrastructure;
import dev.rowgate.stack.test.DatabaseNeutral;
import dev.rowgate.stack.test.Http;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The ingest API when Kafka refuses rows, and after its broker stopped. The producer waits 3 s for
 * a topic's metadata.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.kafka.producer.properties.max.block.ms=3000")
@DatabaseNeutral
class KafkaOutageIT extends ApiOnOwnInfrastructure {

  @Test
  void aBatchThatKafkaRefusesOrDoesNotTakeStopsWithA503ThatSaysWhyAndIsRecordedAsFailed() throws Exception {
    await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/actuator/health/readiness").status() == 200);
    // Records of at most 64 bytes: the producer takes the rows, the broker refuses them.
    ConfigResource jobs = new ConfigResource(ConfigResource.Type.TOPIC, "rowgate.jobs.raw");
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        infrastructure.broker().bootstrapServers()))) {
      admin.incrementalAlterConfigs(Map.of(jobs, List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "64"),
          AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(30)).until(() -> "64".equals(admin.describeConfigs(List.of(jobs)).all()
          .get(30, TimeUnit.SECONDS).get(jobs).get("max.message.bytes").value()));
    }
    assertStopped(http.post("/api/v1/tables/jobs/rows", "application/json",
        "[{\"id\": 2, \"job\": \"Baker\"}, {\"id\": 3, \"job\": \"Cook\"}]"),
        "Kafka refused a row of this batch: The request included a message larger than the max message size");

    // The broker gone, the producer learns nothing of the departments topic: it does not take the first row.
    infrastructure.broker().close();
    assertStopped(http.post("/api/v1/tables/departments/rows", "application/json",
        "[{\"id\": 1, \"department\": \"Sales\"}, {\"id\": 2, \"department\": \"Legal\"}]"),
        "Kafka did not take the row at index 0: Topic rowgate.departments.raw not present in metadata after 3000 ms");
    assertStopped(http.post("/api/v1/tables/departments/csv", "text/csv", "1,Sales\n2,Legal\n"),
        "Kafka did not take the row at line 1: Topic rowgate.departments.raw not present in metadata");
  }

  private void assertStopped(Http.Answer answer, String why) {
    assertProblem(answer, 503, "kafka-unavailable");
    JsonNode problem = answer.json();
    assertThat(problem.get("published").longValue()).isZero();
    assertThat(problem.get("detail").stringValue()).startsWith(why);
    Http.Answer batch = http.get(answer.header("Location"));
    assertThat(batch.json().get("state").stringValue()).isEqualTo("failed");
    assertThat(batch.json().get("received").longValue()).isZero();
    assertThat(batch.json().get("failure").stringValue()).startsWith(why);
  }
}
