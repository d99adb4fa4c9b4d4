package dev.rowgate.ingest.security;

import static dev.rowgate.stack.test.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rowgate.ingest.ApiOnOwnInfrastructure;
import dev.rowgate.stack.test.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Who may do what on the ingest API: sending rows to a table needs the role writer, or
 * writer:&lt;table&gt; for that table; batches, reports and the tables need viewer; the API's
 * documentation and health stay open.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "rowgate.security.users.wendy.password=wendy-secret", "rowgate.security.users.wendy.roles=writer:departments",
    "rowgate.security.users.vera.password=vera-secret", "rowgate.security.users.vera.roles=viewer"})
class IngestCredentialsIT extends ApiOnOwnInfrastructure {

  private static final String ROW = "[{\"id\": 1, \"department\": \"Sales\"}]";

  @Test
  void sendingRowsNeedsAWriterOfTheTable() {
    Http wendy = http.withBasicAuth("wendy", "wendy-secret");
    Http vera = http.withBasicAuth("vera", "vera-secret");

    assertProblem(anonymous.post("/api/v1/tables/departments/rows", "application/json", ROW), 401,
        "credentials-needed");
    assertProblem(anonymous.post("/api/v1/tables/departments/csv", "text/csv", "1,Sales\n"), 401, "credentials-needed");
    assertProblem(vera.post("/api/v1/tables/departments/rows", "application/json", ROW), 403, "role-needed");
    assertProblem(wendy.post("/api/v1/tables/jobs/rows", "application/json", "[{\"id\": 1, \"job\": \"Welder\"}]"),
        403, "role-needed");
    assertProblem(wendy.post("/api/v1/tables/jobs/csv", "text/csv", "1,Welder\n"), 403, "role-needed");

    Http.Answer accepted = wendy.post("/api/v1/tables/departments/rows", "application/json", ROW);
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(wendy.post("/api/v1/tables/departments/csv", "text/csv", "2,Legal\n").status()).isEqualTo(202);
    assertThat(http.post("/api/v1/tables/jobs/csv", "text/csv", "1,Welder\n").status()).as("a writer of every table")
        .isEqualTo(202);

    String status = accepted.header("Location");
    assertProblem(wendy.get(status), 403, "role-needed");
    assertProblem(anonymous.get(status), 401, "credentials-needed");
    assertThat(vera.get(status).status()).isEqualTo(200);
  }

  @Test
  void readingBatchesReportsAndTablesNeedsAViewerAndTheDocumentationStaysOpen() {
    for (String path : new String[] {"/api/v1/batches/00000000-0000-0000-0000-000000000000",
        "/api/v1/reports/hires-by-quarter?year=2021", "/api/v1/tables"}) {
      assertProblem(anonymous.get(path), 401, "credentials-needed");
      assertThat(http.withBasicAuth("vera", "vera-secret").get(path).status()).as(path).isIn(200, 404);
    }
    assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
    assertThat(anonymous.get("/actuator/health/readiness").status()).isIn(200, 503);
  }
}
