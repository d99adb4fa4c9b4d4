package dev.rowgate.ingest.errors;

import static dev.rowgate.stack.test.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.rowgate.avro.RawField;
import dev.rowgate.avro.RawRow;
import dev.rowgate.ingest.ApiOnOwnInfrastructure;
import dev.rowgate.service.test.TestDefinitions;
import dev.rowgate.stack.test.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Rejected rows sent again or discarded, on a real broker: what reaches the raw topic, the
 * rejections' state and lineage, each sent once, and the relay that publishes what an instance left.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "rowgate.security.users.otto.password=otto-secret", "rowgate.security.users.otto.roles=operator",
    "rowgate.ingest.redrive-relay=1s", "rowgate.ingest.errors-gauge=1s"})
class RedrivingIT extends ApiOnOwnInfrastructure {

  private static final String ERRORS = "/api/v1/tables/hired_employees/errors";

  Http operator;
  String batch;

  @BeforeEach
  void rejections() {
    operator = http.withBasicAuth("otto", "otto-secret");
    batch = UUID.randomUUID().toString();
    jdbc.update("TRUNCATE hired_employees_errors");
  }

  @Test
  void oneRejectionIsSentAgainOnceAsItWasOrWithCorrectedValues() {
    long asItWas = reject(0, "{\"id\": 11, \"name\": \"Ada\", \"department_id\": 99}", "reference");
    long corrected = reject(1, "{\"id\": 12, \"name\": \"\", \"department_id\": 1}", "required");

    Http.Answer sent = operator.post(ERRORS + "/" + asItWas + "/redrive");
    Http.Answer fixed = operator.post(ERRORS + "/" + corrected + "/redrive", "application/json",
        "{\"values\": {\"name\": \"Grace\", \"job_id\": 7}}");

    assertThat(sent.status()).as(sent.body()).isEqualTo(202);
    assertThat(fixed.status()).as(fixed.body()).isEqualTo(202);
    String sentBatch = sent.json().get("batchId").stringValue();
    assertThat(sentBatch).startsWith("redrive-");
    assertThat(sent.json().get("status").stringValue()).isEqualTo("/api/v1/batches/" + sentBatch);
    RawRow row = rawRows(TestDefinitions.table("hired_employees"), sentBatch, 1).get(0);
    assertThat(row.getOrigin().getIndex()).isZero();
    assertThat(values(row.getFields())).isEqualTo(Map.of("id", "11", "name", "Ada", "department_id", "99"));
    RawRow fixedRow = rawRows(TestDefinitions.table("hired_employees"), fixed.json().get("batchId").stringValue(), 1)
        .get(0);
    assertThat(values(fixedRow.getFields()))
        .isEqualTo(Map.of("id", "12", "name", "Grace", "department_id", "1", "job_id", "7"));
    assertThat(jdbc.queryForMap("SELECT channel, received, table_name FROM ingest_batches WHERE id = ?", sentBatch))
        .isEqualTo(Map.of("channel", "REDRIVE", "received", 1L, "table_name", "hired_employees"));

    JsonNode error = operator.get(ERRORS + "/" + corrected).json();
    assertThat(error.get("state").stringValue()).isEqualTo("redriven");
    assertThat(error.get("stateBy").stringValue()).isEqualTo("otto");
    assertThat(error.get("redrive").get("corrected").booleanValue()).isTrue();
    assertThat(error.get("redrive").get("outcome").stringValue()).isEqualTo("published");
    assertThat(error.get("history").valueStream().map(e -> e.get("event").stringValue()).toList())
        .containsExactly("rejected", "redriven", "published");
    assertThat(ids("?state=redriven")).containsExactly(corrected, asItWas);
    assertThat(ids("?redriveBatch=" + sentBatch)).containsExactly(asItWas);

    assertProblem(operator.post(ERRORS + "/" + asItWas + "/redrive"), 409, "not-open");
    assertProblem(operator.post(ERRORS + "/" + asItWas + "/discard", "application/json", "{\"reason\": \"x\"}"),
        409, "not-open");
    assertProblem(operator.post(ERRORS + "/123456789/redrive"), 404, "unknown-error");
    assertProblem(operator.post(ERRORS + "/" + reject(2, "{}", "required") + "/redrive", "application/json",
        "{\"values\": [1]}"), 400, "bad-values");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM redrive_rows WHERE error_id = ?", Long.class, asItWas))
        .isEqualTo(1);
  }

  @Test
  void aRecordKeptAsBytesIsSentAgainOnlyWithValues() {
    long bytes = reject(0, "{}", "decode");
    jdbc.update("UPDATE hired_employees_errors SET payload = '\\x00ff'::bytea WHERE id = ?", bytes);

    assertProblem(operator.post(ERRORS + "/" + bytes + "/redrive"), 400, "values-needed");
    JsonNode dry = operator.post(ERRORS + "/redrive?dryRun=true&rule=decode").json();
    assertThat(dry.get("rows").longValue()).isZero();
    assertThat(dry.get("needValues").longValue()).isEqualTo(1);
    Http.Answer sent = operator.post(ERRORS + "/" + bytes + "/redrive", "application/json",
        "{\"values\": {\"id\": 21, \"name\": \"Read at last\"}}");

    assertThat(sent.status()).as(sent.body()).isEqualTo(202);
    assertThat(values(rawRows(TestDefinitions.table("hired_employees"), sent.json().get("batchId")
        .stringValue(), 1).get(0).getFields())).isEqualTo(Map.of("id", "21", "name", "Read at last"));
  }

  @Test
  void everyOpenRejectionAFilterTakesIsSentInOneBatchAfterADryRun() {
    long first = reject(0, "{\"id\": 31, \"department_id\": 98}", "reference");
    long second = reject(1, "{\"id\": 32, \"department_id\": 98}", "reference");
    long other = reject(2, "{\"id\": 33, \"name\": \"\"}", "required");
    long chosenOnly = reject(3, "{\"id\": 34, \"department_id\": 97}", "reference");

    JsonNode dry = operator.post(ERRORS + "/redrive?rule=reference&batch=" + batch + "&dryRun=true").json();
    assertThat(dry.get("rows").longValue()).isEqualTo(3);
    assertThat(dry.has("batchId")).isFalse();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM redrive_rows", Long.class)).isZero();

    Http.Answer selected = operator.post(ERRORS + "/redrive?rule=reference", "application/json",
        "{\"ids\": [" + chosenOnly + ", " + other + "]}");
    assertThat(selected.json().get("rows").longValue()).isEqualTo(1);
    Http.Answer all = operator.post(ERRORS + "/redrive?rule=reference&batch=" + batch);

    assertThat(all.status()).as(all.body()).isEqualTo(202);
    assertThat(all.json().get("rows").longValue()).isEqualTo(2);
    String redrive = all.json().get("batchId").stringValue();
    assertThat(rawRows(TestDefinitions.table("hired_employees"), redrive, 2))
        .extracting(r -> values(r.getFields()).get("id")).containsExactly("31", "32");
    assertThat(ids("?redriveBatch=" + redrive)).containsExactly(second, first);
    assertThat(ids("?state=open")).containsExactly(other);
    Http.Answer none = operator.post(ERRORS + "/redrive?rule=reference&batch=" + batch);
    assertThat(none.status()).isEqualTo(200);
    assertThat(none.json().get("rows").longValue()).isZero();
  }

  @Test
  void discardedRejectionsKeepWhoAndWhy() {
    long one = reject(0, "{\"id\": 41}", "required");
    reject(1, "{\"id\": 42}", "required");
    reject(2, "{\"id\": 43}", "type");

    assertProblem(operator.post(ERRORS + "/" + one + "/discard"), 400, "reason-needed");
    JsonNode discarded = operator.post(ERRORS + "/" + one + "/discard", "application/json",
        "{\"reason\": \"a duplicate of 42\"}").json();
    assertThat(discarded.get("state").stringValue()).isEqualTo("discarded");
    assertThat(discarded.get("stateReason").stringValue()).isEqualTo("a duplicate of 42");
    Http.Answer dry = operator.post(ERRORS + "/discard?rule=required&dryRun=true", "application/json", "{}");
    assertThat(dry.status()).as(dry.body()).isEqualTo(200);
    assertThat(dry.json().get("rows").longValue()).isEqualTo(1);
    JsonNode bulk = operator.post(ERRORS + "/discard?rule=required", "application/json",
        "{\"reason\": \"test rows\"}").json();

    assertThat(bulk.get("rows").longValue()).isEqualTo(1);
    assertThat(jdbc.queryForList("SELECT concat_ws(' / ', raw->>'id', state, state_by, state_reason) "
        + "FROM hired_employees_errors ORDER BY id", String.class)).containsExactly(
            "41 / discarded / otto / a duplicate of 42", "42 / discarded / otto / test rows", "43 / open");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(http.get("/actuator/prometheus").body())
        .contains("rowgate_errors_open{rule=\"type\",table=\"hired_employees\"} 1.0")
        .doesNotContain("rowgate_errors_open{rule=\"required\"")
        .contains("rowgate_errors_discarded_total{table=\"hired_employees\"} 2.0"));
  }

  @Test
  void rowsRecordedButNotPublishedArePublishedByTheRelay() {
    long left = reject(0, "{\"id\": 51, \"name\": \"Left behind\"}", "reference");
    String redrive = "redrive-" + UUID.randomUUID();
    jdbc.update("INSERT INTO ingest_batches (id, table_name, channel, received) VALUES (?, 'hired_employees', "
        + "'REDRIVE', 1)", redrive);
    jdbc.update("INSERT INTO redrive_rows (batch_id, row_index, table_name, error_id, row_values, corrected) "
        + "SELECT ?, 0, 'hired_employees', id, raw, false FROM hired_employees_errors WHERE id = ?", redrive, left);

    await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
        "SELECT published_at IS NOT NULL FROM redrive_rows WHERE batch_id = ?", Boolean.class, redrive));
    assertThat(rawRows(TestDefinitions.table("hired_employees"), redrive, 1)).hasSize(1);
  }

  private List<Long> ids(String query) {
    Http.Answer answer = operator.get(ERRORS + query);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().get("items").valueStream().map(i -> i.get("id").longValue()).toList();
  }

  private long reject(int index, String raw, String rule) {
    FindingRejectedRowsIT.reject(jdbc, batch, index, raw, "name", rule, "2021-03-01T00:00:00Z");
    return jdbc.queryForObject("SELECT max(id) FROM hired_employees_errors", Long.class);
  }

  /** Raw fields as a map of their values' text. */
  private static Map<String, String> values(List<RawField> fields) {
    return fields.stream().collect(Collectors.toMap(RawField::getName, field -> String.valueOf(field.getValue())));
  }
}
