package dev.rowgate.ingest.errors;

import static dev.rowgate.stack.test.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import dev.rowgate.ingest.ApiOnOwnInfrastructure;
import dev.rowgate.stack.test.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Rejected rows found by an operator: credentials, filters, the cursor, CSV, and one with its history. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "rowgate.security.users.vera.password=vera-secret", "rowgate.security.users.vera.roles=viewer",
    "rowgate.security.users.otto.password=otto-secret", "rowgate.security.users.otto.roles=operator"})
class FindingRejectedRowsIT extends ApiOnOwnInfrastructure {

  private static final String ERRORS = "/api/v1/tables/hired_employees/errors";

  Http viewer;
  String batch;

  @BeforeEach
  void rejections() {
    viewer = http.withBasicAuth("vera", "vera-secret");
    batch = UUID.randomUUID().toString();
    jdbc.update("TRUNCATE hired_employees_errors");
    reject(batch, 0, "{\"id\": 1, \"name\": \"Ada Lovelace\", \"department_id\": 99}", "department_id", "reference",
        "2021-03-01T00:00:00Z");
    reject(batch, 1, "{\"id\": 2, \"name\": \"\", \"department_id\": 1}", "name", "required", "2021-03-02T00:00:00Z");
    reject(batch, 2, "{\"id\": 3, \"name\": \"100% Grace\", \"job_id\": 98}", "job_id", "reference",
        "2021-03-03T00:00:00Z");
    reject("other-batch", 0, "{\"id\": 4, \"name\": \"ada\", \"department_id\": 97}", "department_id", "reference",
        "2021-03-04T00:00:00Z");
  }

  @Test
  void rejectedRowsNeedCredentialsOfAViewer() {
    assertProblem(anonymous.get(ERRORS), 401, "credentials-needed");
    assertThat(anonymous.get(ERRORS).header("WWW-Authenticate")).startsWith("Basic realm=");
    assertProblem(http.withBasicAuth("vera", "wrong").get(ERRORS), 401, "bad-credentials");
    assertProblem(viewer.post(ERRORS + "/redrive?dryRun=true"), 403, "role-needed");
    assertThat(http.withBasicAuth("otto", "otto-secret").get(ERRORS).status()).isEqualTo(200);
    assertProblem(http.withBasicAuth("otto", "otto-secret").get(ERRORS + "/x/y"), 404, "no-such-endpoint");
  }

  @Test
  void filtersNarrowTheRowsNewestFirst() {
    assertThat(ids("")).containsExactly(4, 3, 2, 1);
    assertThat(ids("?batch=" + batch)).containsExactly(3, 2, 1);
    assertThat(ids("?rule=reference")).containsExactly(4, 3, 1);
    assertThat(ids("?field=job_id")).containsExactly(3);
    assertThat(ids("?rule=reference&field=name")).isEmpty();
    assertThat(ids("?from=2021-03-02T00:00:00Z&to=2021-03-04T00:00:00Z")).containsExactly(3, 2);
    assertThat(ids("?text=ADA")).containsExactly(4, 1);
    assertThat(ids("?text=100%25")).containsExactly(3);
    assertThat(ids("?text=_")).isEmpty();
    jdbc.update("UPDATE hired_employees_errors SET state = 'discarded' WHERE raw->>'id' = '4'");
    assertThat(ids("?state=open&rule=reference")).containsExactly(3, 1);
    assertThat(ids("?state=discarded")).containsExactly(4);
    assertProblem(viewer.get(ERRORS + "?state=lost"), 400, "bad-filter");
    assertProblem(viewer.get(ERRORS + "?from=yesterday"), 400, "bad-filter");
    assertProblem(viewer.get(ERRORS + "?rules=reference"), 400, "unknown-parameter");
    assertProblem(viewer.get(ERRORS + "?limit=0"), 400, "bad-page");
    assertProblem(viewer.get("/api/v1/tables/nothing/errors"), 404, "unknown-table");
  }

  @Test
  void theCursorStaysRightWhileNewRejectionsArrive() {
    JsonNode first = viewer.get(ERRORS + "?limit=2").json();
    assertThat(first.get("items").valueStream().map(i -> i.get("raw").get("id").intValue()).toList())
        .containsExactly(4, 3);
    reject(batch, 3, "{\"id\": 5}", "name", "required", "2021-03-05T00:00:00Z");

    JsonNode second = viewer.get(first.get("next").stringValue()).json();
    assertThat(second.get("items").valueStream().map(i -> i.get("raw").get("id").intValue()).toList())
        .containsExactly(2, 1);
    JsonNode third = viewer.get(second.get("next").stringValue()).json();
    assertThat(third.get("items")).isEmpty();
    assertThat(third.has("next")).isFalse();
  }

  @Test
  void csvHasTheReasonsBesideTheTablesColumnsAndTheNextPageInItsLink() {
    Http.Answer csv = viewer.get(ERRORS + "?batch=" + batch + "&limit=2", "Accept", "text/csv");

    assertThat(csv.status()).as(csv.body()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).isEqualTo("id,batch_id,row_index,line,rejected_at,stage,state,reasons,"
        + "id,name,datetime,department_id,job_id");
    assertThat(lines.get(1)).endsWith(",validator,open,job_id is wrong,3,100% Grace,,,98");
    assertThat(lines).hasSize(3);
    assertThat(csv.header("Link")).matches("<" + ERRORS + "\\?batch=" + batch + "&limit=2&after=\\d+>; rel=\"next\"");
    assertThat(viewer.get(ERRORS + "?format=csv").body()).startsWith("id,batch_id");
  }

  @Test
  void oneRejectionShowsItsHistory() {
    long id = jdbc.queryForObject("SELECT id FROM hired_employees_errors WHERE raw->>'id' = '2'", Long.class);
    jdbc.update("UPDATE hired_employees_errors SET state = 'discarded', state_by = 'otto', state_at = now(),"
        + " state_reason = 'a test row' WHERE id = ?", id);

    JsonNode one = viewer.get(ERRORS + "/" + id).json();

    assertThat(one.get("state").stringValue()).isEqualTo("discarded");
    assertThat(one.get("reasons").get(0).get("rule").stringValue()).isEqualTo("required");
    assertThat(one.get("history").valueStream().map(e -> e.get("event").stringValue()).toList())
        .containsExactly("rejected", "discarded");
    assertThat(one.get("history").get(1).get("by").stringValue()).isEqualTo("otto");
    assertThat(one.get("history").get(1).get("detail").stringValue()).isEqualTo("a test row");
    assertProblem(viewer.get(ERRORS + "/987654"), 404, "unknown-error");
  }

  private List<Integer> ids(String query) {
    Http.Answer answer = viewer.get(ERRORS + query);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().get("items").valueStream().map(i -> i.get("raw").get("id").intValue()).toList();
  }

  /** The validator's rejection of a row, whose field broke the rule, rejected at a time. */
  static void reject(JdbcTemplate jdbc, String batchId, int index, String raw,
                     String field, String rule, String at) {
    jdbc.update("INSERT INTO hired_employees_errors (batch_id, row_index, channel, received_at, raw, reasons, stage,"
        + " source_topic, source_partition, source_offset, rejected_at) VALUES (?, ?, 'API_JSON', now(), ?::jsonb,"
        + " jsonb_build_array(jsonb_build_object('field', ?::text, 'rule', ?::text, 'message', ?::text || ' is wrong')),"
        + " 'validator', 'rowgate.hired_employees.raw', 0, (random() * 1e15)::bigint, ?::timestamptz)",
        batchId, index, raw, field, rule, field, at);
  }

  private void reject(String batchId, int index, String raw, String field, String rule, String at) {
    reject(jdbc, batchId, index, raw, field, rule, at);
  }
}
