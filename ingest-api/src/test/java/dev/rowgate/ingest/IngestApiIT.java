package dev.rowgate.ingest;

import static dev.rowgate.stack.test.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.rowgate.avro.Channel;
import dev.rowgate.avro.RawField;
import dev.rowgate.avro.RawRow;
import dev.rowgate.service.test.TestDefinitions;
import dev.rowgate.stack.test.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** JSON batches through the ingest API, its OpenAPI document and its readiness. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "rowgate.ingest.max-json-body=64KB")
class IngestApiIT extends ApiOnOwnInfrastructure {

  @Autowired
  DataSource dataSource;

  @Test
  void aJsonBatchIsAcceptedOnlyOnceEveryRowIsInKafkaAndBadRowsAreNotRefusedHere() {
    Http.Answer answer = http.post("/api/v1/tables/departments/rows", "application/json",
        "[{\"id\": 1, \"department\": \"Sales\"}, {\"id\": \"x\", \"colour\": true}, {}]");

    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    String batchId = answer.json().get("batchId").stringValue();
    assertThat(answer.header("Location")).isEqualTo("/api/v1/batches/" + batchId);
    assertThat(answer.json().get("rows").longValue()).isEqualTo(3);
    List<RawRow> published = rawRows(TestDefinitions.table("departments"), batchId, 3);
    assertThat(published).extracting(r -> r.getOrigin().getIndex()).containsExactly(0, 1, 2);
    assertThat(published.get(0).getFields()).containsExactly(new RawField("id", 1L), new RawField("department", "Sales"));
    assertThat(published.get(1).getFields()).containsExactly(new RawField("id", "x"), new RawField("colour", true));
    assertThat(published).allMatch(r -> r.getOrigin().getChannel() == Channel.API_JSON);
    assertThat(jdbc.queryForMap("SELECT received, table_name FROM ingest_batches WHERE id = ?", batchId))
        .containsEntry("received", 3L).containsEntry("table_name", "departments");
  }

  @Test
  void batchesThatAreNotOneToAThousandRowObjectsAreRefusedWithAProblemAndNothingIsPublished() {
    long batchesBefore = batches();
    String thousandAndOne = IntStream.range(0, 1001).mapToObj(i -> "{\"id\": " + i + "}")
        .collect(Collectors.joining(",", "[", "]"));

    assertProblem(http.post("/api/v1/tables/jobs/rows", "application/json", "[]"), 400, "batch-size");
    assertProblem(http.post("/api/v1/tables/jobs/rows", "application/json", thousandAndOne), 400, "batch-size");
    assertProblem(http.post("/api/v1/tables/jobs/rows", "application/json", "[{\"id\": 1,"), 400, "malformed-json");
    Http.Answer twice = http.post("/api/v1/tables/jobs/rows", "application/json",
        "[{\"id\": 1, \"job\": \"a\"},\n {\"id\": 2, \"job\": \"b\", \"id\": 3}]");
    assertProblem(twice, 400, "malformed-json");
    assertThat(twice.json().get("detail").stringValue()).contains("Duplicate Object property \"id\"", "line 2");
    assertProblem(http.post("/api/v1/tables/jobs/rows", "application/json", "{\"id\": 1}"), 400, "not-a-batch");
    Http.Answer notObjects = http.post("/api/v1/tables/jobs/rows", "application/json", "[{\"id\": 1}, 7, [1]]");
    assertProblem(notObjects, 400, "rows-not-objects");
    assertThat(notObjects.json().get("rows").findValuesAsString("message")).hasSize(2);
    assertThat(notObjects.json().get("rows").get(0).get("index").intValue()).isEqualTo(1);
    String big = "[" + "{\"id\": 1, \"job\": \"" + "x".repeat(70_000) + "\"}]";
    assertProblem(http.post("/api/v1/tables/jobs/rows", "application/json", big), 413, "body-too-large");
    assertProblem(http.post("/api/v1/tables/planets/rows", "application/json", "[{\"id\": 1}]"), 404, "unknown-table");
    Http.Answer withWait = http.post("/api/v1/tables/jobs/rows?wait=30s", "application/json", "[{\"id\": 1}]");
    assertProblem(withWait, 400, "unknown-parameter");
    assertThat(withWait.json().get("detail").stringValue()).endsWith("it takes none");
    Http.Answer withMatrix = http.post("/api/v1/tables/jobs;x=1/rows", "application/json", "[{\"id\": 1}]");
    assertProblem(withMatrix, 400, "unknown-parameter");
    assertThat(withMatrix.json().get("detail").stringValue()).startsWith("';x=1' is a path parameter");
    Http.Answer notJson = http.post("/api/v1/tables/jobs/rows", "text/plain", "[{\"id\": 1}]");
    assertProblem(notJson, 415, "unsupported-media-type");
    assertThat(notJson.json().get("detail").stringValue())
        .isEqualTo("This endpoint takes application/json; the request has Content-Type text/plain");
    Http.Answer nowhere = http.post("/api/v1/tables/jobs/row", "application/json", "[{\"id\": 1}]");
    assertProblem(nowhere, 404, "no-such-endpoint");
    assertThat(nowhere.json().get("detail").stringValue()).isEqualTo("There is no endpoint POST /api/v1/tables/jobs/row");

    assertThat(batches()).isEqualTo(batchesBefore);
  }

  @Test
  void theOpenApiDocumentDescribesTheIngestEndpoints() {
    JsonNode api = http.get("/v3/api-docs").json();
    assertThat(api.get("paths").propertyNames()).contains("/api/v1/tables/{table}/rows",
        "/api/v1/tables/{table}/csv", "/api/v1/batches/{batchId}");
    JsonNode csvBodies = api.get("paths").get("/api/v1/tables/{table}/csv").get("post").get("requestBody").get("content");
    assertThat(csvBodies.propertyNames()).contains("text/csv", "multipart/form-data");
    assertThat(csvBodies.get("multipart/form-data").get("schema").get("properties").get("file").get("format")
        .stringValue()).isEqualTo("binary");
    assertThat(api.get("paths").get("/api/v1/batches/{batchId}").get("get").get("responses").get("400")
        .get("description").stringValue()).contains("unknown-parameter", "repeated-parameter");
    for (String report : List.of("hires-by-quarter", "departments-above-mean")) {
      assertThat(api.get("paths").get("/api/v1/reports/" + report).get("get").get("responses").get("404")
          .get("description").stringValue()).isEqualTo("The applied table definitions lack the hiring tables");
    }
    api.get("paths").forEachEntry((path, operations) -> operations.forEachEntry((method, operation) ->
        assertThat(operation.get("responses").propertyNames()).as(method + " " + path).contains("400")
            .anyMatch(code -> code.startsWith("2"))));
    assertThat(http.get("/swagger-ui/index.html").status()).isEqualTo(200);
  }

  /**
   * Readiness runs the database's, the schema's and the definitions' checks on the pool: a check
   * that kept its connection would leave the pool empty, and readiness down, before this is done.
   */
  @Test
  void readinessAskedMoreOftenThanThePoolHasConnectionsStaysUp() {
    HikariDataSource pool = (HikariDataSource) dataSource;
    await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/actuator/health/readiness").status() == 200);

    for (int i = 0; i < 2 * pool.getMaximumPoolSize(); i++) {
      assertThat(http.get("/actuator/health/readiness").status()).as("readiness check %d", i).isEqualTo(200);
    }
  }
}
