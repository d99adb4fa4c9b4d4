package dev.rowgate.ingest.publish;

import static dev.rowgate.stack.test.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.rowgate.ingest.ApiOnOwnInfrastructure;
import dev.rowgate.stack.test.DatabaseNeutral;
import dev.rowgate.stack.test.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The ingest API after its broker stopped. The producer waits 3 s for a topic's metadata and gives
 * a row it took 6 s to be acknowledged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.kafka.producer.properties.max.block.ms=3000",
        "spring.kafka.producer.properties.request.timeout.ms=5000",
        "spring.kafka.producer.properties.delivery.timeout.ms=6000"})
@DatabaseNeutral
class KafkaOutageIT extends ApiOnOwnInfrastructure {

  @Test
  void aBatchThatKafkaDoesNotTakeOrAcknowledgeStopsWithA503ThatSaysWhyAndIsRecordedAsFailed() {
    await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/actuator/health/readiness").status() == 200);
    Http.Answer before = http.post("/api/v1/tables/jobs/rows", "application/json", "[{\"id\": 1, \"job\": \"Welder\"}]");
    assertThat(before.status()).as(before.body()).isEqualTo(202);
    infrastructure.broker().close();

    // The producer knows the jobs topic: it takes the rows, and they expire unacknowledged.
    assertStopped(http.post("/api/v1/tables/jobs/rows", "application/json",
        "[{\"id\": 2, \"job\": \"Baker\"}, {\"id\": 3, \"job\": \"Cook\"}]"),
        "Kafka refused a row of this batch: Expiring ");
    // It knows nothing of the departments topic: it does not take the first row.
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
