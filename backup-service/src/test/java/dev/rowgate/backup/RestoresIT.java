package dev.rowgate.backup;

import static dev.rowgate.stack.test.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.rowgate.stack.test.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Restores that must refuse and leave the table untouched, and those that run beside the writer. */
class RestoresIT extends BackupServiceOnHiringData {

  private static final String YEAR_2021 = "datetime >= '2021-01-01T00:00:00Z' AND datetime < '2022-01-01T00:00:00Z'";

  @Test
  void aFlippedByteMakesTheRestoreRefuseAndLeavesTheTableUntouched() throws IOException {
    JsonNode manifest = admin.post("/api/v1/backups/jobs?wait=30s").json();
    Path file = backups.resolve("jobs").resolve(manifest.get("file").stringValue());
    try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
      raw.seek(raw.length() / 2);
      int b = raw.read();
      raw.seek(raw.length() / 2);
      raw.write(b ^ 0x01);
    }
    jdbc.update("UPDATE jobs SET job = 'changed after the backup' WHERE id = 7");

    Http.Answer answer = refusedRestore("jobs", 422, "damaged-backup");

    assertThat(answer.json().get("detail").stringValue()).contains("SHA-256");
  }

  @Test
  void aRestoreWithAMisspeltParameterIsRefusedAndRestoresNothing() {
    String first = admin.post("/api/v1/backups/jobs?wait=30s").json().get("id").stringValue();
    jdbc.update("UPDATE jobs SET job = 'changed after the first backup' WHERE id = 7");
    admin.post("/api/v1/backups/jobs?wait=30s");
    jdbc.update("UPDATE jobs SET job = 'changed after the latest backup' WHERE id = 7");
    String before = Tables.fingerprint(jdbc, "jobs");
    int restores = restores();

    Http.Answer answer = admin.post("/api/v1/restores/jobs?backup=" + first + "&wait=30s");

    assertProblem(answer, 400, "unknown-parameter");
    assertThat(answer.json().get("detail").stringValue()).contains("'backup'", "backupId, wait");
    assertProblem(admin.post("/api/v1/restores/jobs?backupId=" + first + "&backupId=x&wait=30s"), 400,
        "repeated-parameter");
    assertThat(Tables.fingerprint(jdbc, "jobs")).isEqualTo(before);
    assertThat(restores()).isEqualTo(restores);
  }

  /** Restores the latest backup of a table, which must be refused with this problem, the table left as it was. */
  private Http.Answer refusedRestore(String table, int status, String type) {
    String before = Tables.fingerprint(jdbc, table);
    Http.Answer answer = admin.post("/api/v1/restores/" + table + "?wait=30s");
    assertProblem(answer, status, type);
    assertThat(Tables.fingerprint(jdbc, table)).isEqualTo(before);
    return answer;
  }

  private int restores() {
    return jdbc.queryForObject("SELECT count(*) FROM backup_operations WHERE kind = 'restore'", Integer.class);
  }

  @Test
  void aBackupIsRestoredOnlyIntoItsOwnTableAndOnlyWhenItsSchemaFitsTheColumns() {
    String departments = admin.post("/api/v1/backups/departments?wait=30s").json().get("id").stringValue();
    admin.post("/api/v1/backups/jobs?wait=30s");
    assertProblem(admin.post("/api/v1/restores/jobs?backupId=" + departments + "&wait=30s"), 422, "wrong-table");

    jdbc.execute("ALTER TABLE jobs ADD COLUMN level integer NOT NULL DEFAULT 1");
    try {
      jdbc.update("UPDATE jobs SET level = 2 WHERE id = 3");
      Http.Answer answer = refusedRestore("jobs", 422, "incompatible-schema");
      assertThat(answer.json().get("detail").stringValue()).contains("level");
    } finally {
      jdbc.execute("ALTER TABLE jobs DROP COLUMN level");
    }
    jdbc.execute("ALTER TABLE jobs ADD COLUMN note text");
    try {
      jdbc.update("UPDATE jobs SET job = 'changed', note = 'x' WHERE id = 3");
      assertThat(admin.post("/api/v1/restores/jobs?wait=30s").status()).isEqualTo(200);
      assertThat(jdbc.queryForMap("SELECT job, note FROM jobs WHERE id = 3"))
          .containsEntry("job", "Biostatistician IV").containsEntry("note", null);
    } finally {
      jdbc.execute("ALTER TABLE jobs DROP COLUMN note");
    }
  }

  @Test
  void restoringDepartmentsThatHiresStillNameFailsCleanlyAndNamesThem() {
    jdbc.update("INSERT INTO departments (id, department) VALUES (13, 'New')");
    jdbc.update("DELETE FROM departments WHERE id = 13");
    admin.post("/api/v1/backups/departments?wait=30s");
    jdbc.update("INSERT INTO departments (id, department) VALUES (13, 'New')");
    jdbc.update("UPDATE hired_employees SET department_id = 13 WHERE id IN (1, 2, 3)");
    jdbc.update("UPDATE departments SET department = 'Renamed' WHERE id = 1");

    Http.Answer answer = refusedRestore("departments", 409, "references-broken");

    assertThat(answer.json().get("detail").stringValue())
        .isEqualTo("hired_employees has rows whose department_id names departments 13, which backup "
            + answer.json().get("detail").stringValue().replaceAll(".*which backup (\\S+) lacks.*", "$1")
            + " lacks; the table was not touched");

    jdbc.update("UPDATE hired_employees SET department_id = 1 WHERE department_id = 13");
    assertThat(admin.post("/api/v1/restores/departments?wait=30s").status()).isEqualTo(200);
    assertThat(jdbc.queryForObject("SELECT department FROM departments WHERE id = 1", String.class))
        .isEqualTo("Product Management");
  }

  @Test
  void aRestoredTableIsAnalyzedSoThatQueriesArePlannedFromTheRowsItHolds() {
    admin.post("/api/v1/backups/hired_employees?wait=30s");
    // Statistics of an empty table, which autovacuum may not replace: only the restore can.
    jdbc.execute("ALTER TABLE hired_employees SET (autovacuum_enabled = false)");
    try {
      jdbc.update("DELETE FROM hired_employees");
      jdbc.execute("ANALYZE hired_employees");
      assertThat(admin.post("/api/v1/restores/hired_employees?wait=30s").status()).isEqualTo(200);

      long hires = jdbc.queryForObject("SELECT count(*) FROM hired_employees WHERE " + YEAR_2021, Long.class);
      assertThat(hires).as("the hires of 2021 among the 1929").isEqualTo(1643);
      assertThat(plannedRows("SELECT * FROM hired_employees WHERE " + YEAR_2021))
          .isBetween(hires * 9 / 10, hires * 11 / 10);
    } finally {
      jdbc.execute("ALTER TABLE hired_employees RESET (autovacuum_enabled)");
    }
  }

  /** How many rows PostgreSQL's planner expects a query to give. */
  private long plannedRows(String query) {
    String plan = jdbc.queryForObject("EXPLAIN (FORMAT JSON) " + query, String.class);
    return JsonMapper.shared().readTree(plan).get(0).get("Plan").get("Plan Rows").asLong();
  }

  @Test
  void rowsWrittenWhileARestoreRunsWaitForItAndAreAppliedAfterIt() {
    jdbc.update("INSERT INTO jobs (id, job) SELECT g, 'Job ' || g FROM generate_series(1000, 300000) g");
    admin.post("/api/v1/backups/jobs?wait=60s");
    jdbc.update("DELETE FROM jobs WHERE id > 100000");
    String restore = admin.post("/api/v1/restores/jobs").json().get("id").stringValue();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() ->
        List.of("loading", "applying", "done").contains(admin.get("/api/v1/restores/" + restore).json().get("phase").stringValue()));

    CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() ->
        jdbc.update("INSERT INTO jobs (id, job) VALUES (5000000, 'written during the restore') "
            + "ON CONFLICT (id) DO UPDATE SET job = EXCLUDED.job"));
    await().atMost(Duration.ofSeconds(60)).until(() ->
        admin.get("/api/v1/restores/" + restore).json().get("state").stringValue().equals("done"));
    writer.join();

    assertThat(jdbc.queryForObject("SELECT count(*) FROM jobs WHERE id BETWEEN 1 AND 300000", Long.class))
        .isEqualTo(183 + 299_001);
    assertThat(jdbc.queryForObject("SELECT job FROM jobs WHERE id = 5000000", String.class))
        .isEqualTo("written during the restore");
  }
}
