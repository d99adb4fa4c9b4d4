package dev.rowgate.backup;

import static dev.rowgate.stack.test.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;

import dev.rowgate.database.DatabaseSchema;
import dev.rowgate.stack.test.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The admin API's guard, its OpenAPI document and its readiness. */
class AdminApiIT extends BackupServiceOnHiringData {

  @Test
  void theAdminApiNeedsCredentialsAndRefusesNamesOutsideItsTables() {
    Http anonymous = new Http(port);
    Http.Answer withoutCredentials = anonymous.get("/api/v1/backups");
    assertProblem(withoutCredentials, 401, "credentials-needed");
    assertThat(withoutCredentials.header("WWW-Authenticate")).startsWith("Basic realm=");
    assertThat(withoutCredentials.json().get("detail").stringValue()).contains("ROWGATE_ADMIN_PASSWORD");
    assertProblem(new Http(port).withBasicAuth("admin", "wrong").post("/api/v1/backups/jobs"), 401, "bad-credentials");
    assertProblem(new Http(port).withBasicAuth("vera", "vera-secret").get("/api/v1/backups"), 403, "role-needed");
    assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
    assertProblem(admin.post("/api/v1/backups/pg_authid?wait=5s"), 404, "unknown-table");
    assertProblem(admin.post("/api/v1/restores/jobs%20DROP?wait=5s"), 404, "unknown-table");
    Http.Answer rejectedUrl = admin.post("/api/v1/restores/jobs;DROP?wait=5s");
    assertThat(rejectedUrl.status()).isEqualTo(400);
    assertThat(rejectedUrl.header("Content-Type")).startsWith("application/problem+json");
    assertThat(rejectedUrl.json().get("detail").stringValue()).contains("rejected", "\";\"");
    assertThat(rejectedUrl.json().get("instance").stringValue()).isEqualTo("/api/v1/restores/jobs;DROP");
    assertThat(admin.get("/api/v1/backups/..%2F..%2Fetc%2Fpasswd").status()).isIn(400, 404);
    assertProblem(admin.get("/api/v1/backups/jobs-20260101T000000Z-0000000g"), 404, "unknown-backup");
    assertProblem(admin.post("/api/v1/restores/jobs?backupId=departments-20260101T000000Z-00000000&wait=5s"), 404,
        "unknown-backup");
  }

  @Test
  void theOpenApiDocumentGivesEveryAdminOperationItsSuccessAndTheRefusalOfMissingCredentials() {
    JsonNode paths = new Http(port).get("/v3/api-docs").json().get("paths");
    assertThat(paths.propertyNames()).containsExactlyInAnyOrder("/api/v1/backups", "/api/v1/backups/{table}",
        "/api/v1/backups/{id}", "/api/v1/restores/{table}", "/api/v1/restores/{id}", "/api/v1/definitions");
    paths.forEachEntry((path, operations) -> operations.forEachEntry((method, operation) -> {
      Collection<String> responses = operation.get("responses").propertyNames();
      assertThat(responses).as(method + " " + path).contains("401", "400")
          .containsAnyOf("200", "201");
    }));
  }

  @Test
  void readinessIncludesTheSchemaAtTheVersionOfTheLastMigration() {
    String required = DatabaseSchema.version();
    JsonNode schema = new Http(port).get("/actuator/health/readiness").json().get("components").get("schema");
    assertThat(schema.get("status").stringValue()).isEqualTo("UP");
    assertThat(schema.get("details").get("version").stringValue()).isEqualTo(required);
  }
}
