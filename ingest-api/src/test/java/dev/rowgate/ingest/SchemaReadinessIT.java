package dev.rowgate.ingest;

import static dev.rowgate.stack.test.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import javax.sql.DataSource;

import dev.rowgate.database.DatabaseSchema;
import dev.rowgate.service.test.TestDefinitions;
import dev.rowgate.stack.test.Http;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The ingest API started on a database that db-writer has not migrated yet: not ready, and saying
 * why, until the schema is the one it was built with.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.flyway.enabled=false")
class SchemaReadinessIT extends ApiOnOwnInfrastructure {

  @Autowired
  DataSource dataSource;

  final String required = DatabaseSchema.version();

  @Test
  void theApiIsNotReadyUntilTheSchemaIsMigratedToTheVersionItWasBuiltWith() {
    Http.Answer unmigrated = http.get("/actuator/health/readiness");
    assertThat(unmigrated.status()).isEqualTo(503);
    assertThat(schema(unmigrated).get("status").stringValue()).isEqualTo("DOWN");
    assertThat(schema(unmigrated).get("details").get("problem").stringValue()).contains("no schema yet");
    Http.Answer request = http.get("/api/v1/batches/b-1");
    assertProblem(request, 503, "schema-not-migrated");
    assertThat(request.json().get("detail").stringValue()).contains("ingest_batches", "db-writer migrates it");

    Flyway.configure().dataSource(dataSource).target("3").load().migrate();
    Http.Answer older = http.get("/actuator/health/readiness");
    assertThat(older.status()).isEqualTo(503);
    assertThat(schema(older).get("details").get("problem").stringValue())
        .isEqualTo("the schema is at version 3, this service needs " + required
            + ": db-writer of the same release migrates it when it starts");

    Flyway.configure().dataSource(dataSource).load().migrate();
    Http.Answer undefined = http.get("/actuator/health/readiness");
    assertThat(undefined.status()).isEqualTo(503);
    assertThat(schema(undefined).get("details").get("version").stringValue()).isEqualTo(required);
    assertThat(undefined.json().at("/components/definitions/details/problem").stringValue())
        .isEqualTo("no table definitions are applied yet: db-writer applies them when it starts");
    assertProblem(http.post("/api/v1/tables/jobs/rows", "application/json", "[{\"id\": 1}]"), 404, "unknown-table");

    TestDefinitions.apply(dataSource, TestDefinitions.directory());
    await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/actuator/health/readiness").status() == 200);
    assertThat(http.get("/actuator/health/readiness").json().at("/components/definitions/details/tables").toString())
        .isEqualTo("[\"departments\",\"jobs\",\"hired_employees\"]");
    assertProblem(http.get("/api/v1/batches/b-1"), 404, "unknown-batch");
  }

  private static JsonNode schema(Http.Answer readiness) {
    return readiness.json().get("components").get("schema");
  }
}
