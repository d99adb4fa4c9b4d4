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

/** The ingest API after its broker stopped; the producer waits 3 s for a topic's metadata. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.kafka.producer.properties.max.block.ms=3000")
@DatabaseNeutral
class KafkaOutageIT extends ApiOnOwnInfrastructure {

  @Test
  void aRowThatKafkaDoesNotTakeStopsItsBatchWithA503ThatSaysWhyAndTheBatchIsRecordedAsFailed() {
    await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/actuator/health/readiness").status() == 200);
    infrastructure.broker().close();

    assertNothingTaken(http.post("/api/v1/tables/jobs/rows", "application/json",
        "[{\"id\": 1, \"job\": \"Welder\"}, {\"id\": 2, \"job\": \"Baker\"}]"), "index 0");
    assertNothingTaken(http.post("/api/v1/tables/jobs/csv", "text/csv", "1,Welder\n2,Baker\n"), "line 1");
  }

  private void assertNothingTaken(Http.Answer answer, String place) {
    assertProblem(answer, 503, "kafka-unavailable");
    JsonNode problem = answer.json();
    assertThat(problem.get("published").longValue()).isZero();
    assertThat(problem.get("detail").stringValue())
        .startsWith("Kafka did not take the row at " + place + ": Topic rowgate.jobs.raw not present in metadata");
    Http.Answer batch = http.get(answer.header("Location"));
    assertThat(batch.json().get("state").stringValue()).isEqualTo("failed");
    assertThat(batch.json().get("received").longValue()).isZero();
    assertThat(batch.json().get("failure").stringValue()).startsWith("Kafka did not take the row at " + place);
  }
}
