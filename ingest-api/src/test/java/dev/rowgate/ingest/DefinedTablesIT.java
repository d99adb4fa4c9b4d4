package dev.rowgate.ingest;

import static dev.rowgate.stack.test.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.sql.DataSource;

import dev.rowgate.avro.RawField;
import dev.rowgate.avro.RawRow;
import dev.rowgate.schema.DefinitionFiles;
import dev.rowgate.schema.Table;
import dev.rowgate.service.test.TestDefinitions;
import dev.rowgate.stack.test.Http;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The API serves the tables of the applied definitions: its OpenAPI document lists them, each row
 * as a schema, and a table applied while it runs is taken by its very next request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DefinedTablesIT extends ApiOnOwnInfrastructure {

  @Autowired
  DataSource database;

  @Test
  @Order(1)
  void theOpenApiDocumentListsTheTablesAndTheRowOfEach() {
    JsonNode api = http.get("/v3/api-docs").json();

    JsonNode table = api.at("/paths/~1api~1v1~1tables~1{table}~1rows/post/parameters/0/schema/enum");
    assertThat(table.valueStream().map(JsonNode::stringValue)).containsExactly("departments", "jobs", "hired_employees");
    JsonNode hires = api.at("/components/schemas/TableRow.hired_employees");
    assertThat(hires.get("required").valueStream().map(JsonNode::stringValue))
        .containsExactlyInAnyOrder("id", "name", "datetime", "department_id", "job_id");
    assertThat(hires.at("/properties/name/maxLength").intValue()).isEqualTo(255);
    assertThat(hires.at("/properties/datetime/format").stringValue()).isEqualTo("date-time");
    assertThat(hires.at("/properties/id/minimum").intValue()).isEqualTo(1);
    assertThat(api.at("/paths/~1api~1v1~1tables~1{table}~1rows/post/requestBody/content/application~1json/schema/items"
        + "/oneOf").size()).isEqualTo(3);
  }

  @Test
  @Order(2)
  void aTableAppliedWhileTheApiRunsIsTakenByItsNextRequestAndItsRowIsInTheDocument() {
    assertProblem(http.post("/api/v1/tables/customers/rows", "application/json", "[{\"id\": 1}]"), 404,
        "unknown-table");

    TestDefinitions.apply(database, TestDefinitions.together(TestDefinitions.directory(), TestDefinitions.examples()));

    Http.Answer accepted = http.post("/api/v1/tables/orders/rows", "application/json",
        "[{\"customer_id\": \"0042\", \"order_no\": 7, \"total\": 9.5}]");
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    Table orders = DefinitionFiles.read(TestDefinitions.examples()).table("orders").orElseThrow();
    List<RawRow> published = rawRows(orders, accepted.json().get("batchId").stringValue(), 1);
    assertThat(published.get(0).getFields()).contains(new RawField("total", 9.5));
    JsonNode row = http.get("/v3/api-docs").json().at("/components/schemas/TableRow.orders");
    assertThat(row.at("/properties/status/enum").valueStream().map(JsonNode::stringValue))
        .containsExactly("new", "paid", "shipped", "cancelled");
    assertThat(row.at("/properties/tracking/format").stringValue()).isEqualTo("uuid");
    assertThat(row.get("required").valueStream().map(JsonNode::stringValue))
        .containsExactlyInAnyOrder("customer_id", "order_no", "placed_on", "total", "status", "gift");
  }
}
