package dev.rowgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.rowgate.stack.Service;
import dev.rowgate.stack.test.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The flow of docs/rejected-rows.md through the whole pipeline: hires loaded before their departments are refused
 * for the missing reference; the departments loaded, a dry run and a redrive of every such hire
 * bring them all into their table. Then a row corrected and sent again, one sent again as it was and
 * refused again (each naming the other), and one discarded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RejectedRowsIT {

  private static final String ERRORS = "/api/v1/tables/hired_employees/errors";

  static Pipeline pipeline;
  static Http operator;

  @BeforeAll
  static void start() {
    pipeline = Pipeline.start(Map.of(Service.BACKUP, 0));
    operator = pipeline.admin(Service.INGEST_API);
  }

  @AfterAll
  static void stop() {
    pipeline.close();
  }

  @Test
  @Order(1)
  void hiresRefusedForMissingDepartmentsAreAllPersistedOnceTheDepartmentsAreThereAndTheyAreRedriven() {
    pipeline.awaitBatch(pipeline.sendHiringData("jobs"));
    JsonNode refused = pipeline.awaitBatch(pipeline.sendHiringData("hired_employees"), Duration.ofSeconds(120));
    assertThat(refused.get("state").stringValue()).isEqualTo("done");
    assertThat(refused.get("rejected").longValue()).isEqualTo(1999);
    pipeline.awaitBatch(pipeline.sendHiringData("departments"));

    JsonNode dry = operator.post(ERRORS + "/redrive?rule=reference&dryRun=true").json();
    assertThat(dry.get("rows").longValue()).isEqualTo(1929);
    Http.Answer redrive = operator.post(ERRORS + "/redrive?rule=reference");
    assertThat(redrive.status()).as(redrive.body()).isEqualTo(202);
    JsonNode batch = pipeline.awaitBatch(redrive.json().get("batchId").stringValue(), Duration.ofSeconds(120));

    assertThat(batch.get("state").stringValue()).isEqualTo("done");
    assertThat(batch.get("channel").stringValue()).isEqualTo("REDRIVE");
    assertThat(batch.get("received").longValue()).isEqualTo(1929);
    assertThat(batch.get("persisted").longValue()).isEqualTo(1929);
    assertThat(pipeline.count("SELECT count(*) FROM hired_employees")).isEqualTo(1929);
    assertThat(ids("?rule=reference&state=open")).isEmpty();
    assertThat(ids("?redriveBatch=" + batch.get("batchId").stringValue() + "&limit=1000")).hasSize(1000);
    JsonNode one = operator.get(ERRORS + "/" + ids("?rule=reference&limit=1").get(0)).json();
    assertThat(one.get("redrive").get("outcome").stringValue()).isEqualTo("taken");
    assertThat(one.get("history").valueStream().map(e -> e.get("event").stringValue()).toList())
        .containsExactly("rejected", "redriven", "published", "taken");
  }

  @Test
  @Order(2)
  void aCorrectedRowIsPersistedAndARowSentAsItWasIsRefusedAgainEachNamingTheOther() {
    List<Long> required = ids("?rule=required&state=open&limit=2");
    long corrected = required.get(0);
    long asItWas = required.get(1);
    JsonNode broken = operator.get(ERRORS + "/" + corrected).json().get("raw");
    String id = broken.get("id").stringValue();

    String fixedBatch = operator.post(ERRORS + "/" + corrected + "/redrive", "application/json",
        "{\"values\": {\"name\": \"Named at last\", \"datetime\": \"2021-06-01T00:00:00Z\", \"department_id\": \"1\","
            + " \"job_id\": \"1\"}}").json().get("batchId").stringValue();
    String againBatch = operator.post(ERRORS + "/" + asItWas + "/redrive").json().get("batchId").stringValue();

    assertThat(pipeline.awaitBatch(fixedBatch).get("persisted").longValue()).isEqualTo(1);
    assertThat(pipeline.count("SELECT count(*) FROM hired_employees WHERE id = " + id + " AND name = 'Named at last'"))
        .isEqualTo(1);
    JsonNode again = pipeline.awaitBatch(againBatch);
    assertThat(again.get("rejected").longValue()).isEqualTo(1);
    JsonNode original = operator.get(ERRORS + "/" + asItWas).json();
    long newRejection = original.get("redrive").get("rejectedAgainAs").longValue();
    assertThat(original.get("redrive").get("outcome").stringValue()).isEqualTo("rejected");
    assertThat(original.get("history").valueStream().map(e -> e.get("event").stringValue()).toList())
        .contains("rejected", "redriven", "rejected again");
    JsonNode refusedAgain = operator.get(ERRORS + "/" + newRejection).json();
    assertThat(refusedAgain.get("redriveOf").longValue()).isEqualTo(asItWas);
    assertThat(refusedAgain.get("batchId").stringValue()).isEqualTo(againBatch);
    assertThat(refusedAgain.get("state").stringValue()).isEqualTo("open");
  }

  @Test
  @Order(3)
  void aDiscardedRowStaysWithItsReasonAndTheMetricsCountWhatHappened() {
    long dropped = ids("?rule=required&state=open&limit=1").get(0);
    JsonNode discarded = operator.post(ERRORS + "/" + dropped + "/discard", "application/json",
        "{\"reason\": \"left the company before starting\"}").json();

    assertThat(discarded.get("state").stringValue()).isEqualTo("discarded");
    assertThat(discarded.get("stateBy").stringValue()).isEqualTo("admin");
    assertThat(ids("?state=discarded")).containsExactly(dropped);
    // 70 refused as required: one corrected, one sent again (and refused again), one discarded.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
        new Http(pipeline.stack.url(Service.INGEST_API, 1)).get("/actuator/prometheus").body())
        .contains("rowgate_errors_open{rule=\"required\",table=\"hired_employees\"} 68.0")
        .contains("rowgate_errors_redriven_total{table=\"hired_employees\"} 1931.0")
        .contains("rowgate_errors_discarded_total{table=\"hired_employees\"} 1.0")
        .doesNotContain("rowgate_errors_open{rule=\"reference\""));
  }

  private static List<Long> ids(String query) {
    Http.Answer answer = operator.get(ERRORS + query);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().get("items").valueStream().map(i -> i.get("id").longValue()).toList();
  }
}
