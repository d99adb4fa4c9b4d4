package dev.rowgate.backup;

import static dev.rowgate.stack.test.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rowgate.stack.test.Http;
import dev.rowgate.stack.test.Migrations;
import dev.rowgate.stack.test.TestInfrastructure;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** backup-service on a real PostgreSQL; the schema comes from db-writer's migrations. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "rowgate.backup.admin.password=" + BackupServiceIT.PASSWORD, "rowgate.backup.keep=2"})
@DirtiesContext
class BackupServiceIT {

  static final String PASSWORD = "a-test-secret";
  static final String DATABASE = TestInfrastructure.newDatabase();
  static final Path DIRECTORY = Path.of("target", "backups-" + UUID.randomUUID());

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> DATABASE);
    registry.add("spring.datasource.username", () -> "");
    registry.add("rowgate.backup.directory", DIRECTORY::toString);
  }

  @Value("${local.server.port}")
  int port;

  @Autowired
  JdbcTemplate jdbc;

  Http admin;

  @BeforeEach
  void data() {
    admin = new Http(port).withBasicAuth("admin", PASSWORD);
    jdbc.execute("TRUNCATE hired_employees, departments, jobs, hired_employees_errors, jobs_errors");
    Tables.loadHiringData(jdbc);
  }

  @Test
  void theHiringDataComesBackRowForRowAfterTheTablesWereChanged() {
    List<String> tables = List.of("departments", "jobs", "hired_employees", "hired_employees_errors");
    Map<String, String> before = fingerprints(tables);
    Map<String, JsonNode> manifests = new HashMap<>();
    for (String table : tables) {
      Http.Answer answer = admin.post("/api/v1/backups/" + table + "?wait=30s");
      assertThat(answer.status()).as(answer.body()).isEqualTo(201);
      manifests.put(table, answer.json());
    }
    assertThat(manifests.get("hired_employees").get("rows").longValue()).isEqualTo(1929);
    assertThat(manifests.get("hired_employees_errors").get("rows").longValue()).isEqualTo(70);
    assertThat(manifests.get("departments").get("codec").stringValue()).isEqualTo("zstandard");
    assertThat(manifests.get("jobs").get("sha256").stringValue()).hasSize(64);

    jdbc.update("DELETE FROM hired_employees WHERE id % 3 = 0");
    jdbc.update("UPDATE hired_employees SET name = 'changed' WHERE id % 5 = 0");
    jdbc.update("UPDATE departments SET department = 'Renamed' WHERE id = 4");
    jdbc.update("INSERT INTO jobs (id, job) VALUES (999, 'Extra')");
    jdbc.update("DELETE FROM hired_employees_errors WHERE line > 1000");
    for (String table : tables) {
      Http.Answer answer = admin.post("/api/v1/restores/" + table + "?wait=30s");
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      assertThat(answer.json().get("result").get("backupId").stringValue())
          .isEqualTo(manifests.get(table).get("id").stringValue());
    }

    assertThat(fingerprints(tables)).isEqualTo(before);
    jdbc.update("INSERT INTO hired_employees_errors (channel, received_at, raw, reasons, stage, source_topic,"
        + " source_partition, source_offset) VALUES ('PRODUCER', now(), '{\"new\": 1}', '[]', 'validator', 't', 0, 1)");
  }

  @Test
  void aFlippedByteMakesTheRestoreRefuseAndLeavesTheTableUntouched() throws IOException {
    JsonNode manifest = admin.post("/api/v1/backups/jobs?wait=30s").json();
    Path file = DIRECTORY.resolve("jobs").resolve(manifest.get("file").stringValue());
    try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
      raw.seek(raw.length() / 2);
      int b = raw.read();
      raw.seek(raw.length() / 2);
      raw.write(b ^ 0x01);
    }
    jdbc.update("UPDATE jobs SET job = 'changed after the backup' WHERE id = 7");
    String before = Tables.fingerprint(jdbc, "jobs");

    Http.Answer answer = admin.post("/api/v1/restores/jobs?wait=30s");

    assertProblem(answer, 422, "damaged-backup");
    assertThat(answer.json().get("detail").stringValue()).contains("SHA-256");
    assertThat(Tables.fingerprint(jdbc, "jobs")).isEqualTo(before);
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
      String before = Tables.fingerprint(jdbc, "jobs");
      Http.Answer answer = admin.post("/api/v1/restores/jobs?wait=30s");
      assertProblem(answer, 422, "incompatible-schema");
      assertThat(answer.json().get("detail").stringValue()).contains("level");
      assertThat(Tables.fingerprint(jdbc, "jobs")).isEqualTo(before);
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
    String before = Tables.fingerprint(jdbc, "departments");

    Http.Answer answer = admin.post("/api/v1/restores/departments?wait=30s");

    assertProblem(answer, 409, "references-broken");
    assertThat(answer.json().get("detail").stringValue())
        .isEqualTo("hired_employees has rows whose department_id names departments 13, which backup "
            + answer.json().get("detail").stringValue().replaceAll(".*which backup (\\S+) lacks.*", "$1")
            + " lacks; the table was not touched");
    assertThat(Tables.fingerprint(jdbc, "departments")).isEqualTo(before);

    jdbc.update("UPDATE hired_employees SET department_id = 1 WHERE department_id = 13");
    assertThat(admin.post("/api/v1/restores/departments?wait=30s").status()).isEqualTo(200);
    assertThat(jdbc.queryForObject("SELECT department FROM departments WHERE id = 1", String.class))
        .isEqualTo("Product Management");
  }

  @Test
  void aBackupTakenWhileRowsAreInsertedIsOneSnapshot() throws IOException {
    jdbc.update("INSERT INTO jobs (id, job) SELECT g, 'Job ' || g FROM generate_series(1000, 300000) g");
    AtomicBoolean inserting = new AtomicBoolean(true);
    AtomicInteger pairs = new AtomicInteger();
    CompletableFuture<Void> inserter = CompletableFuture.runAsync(() -> {
      for (int k = 400_000; inserting.get(); k++) {
        jdbc.update("INSERT INTO jobs (id, job) VALUES (?, 'low'), (?, 'high')", k, k + 1_000_000);
        pairs.incrementAndGet();
      }
    });
    await().until(() -> pairs.get() > 20);
    JsonNode manifest = admin.post("/api/v1/backups/jobs?wait=60s").json();
    inserting.set(false);
    inserter.join();

    Set<Integer> ids = new HashSet<>();
    Path file = DIRECTORY.resolve("jobs").resolve(manifest.get("file").stringValue());
    try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
      reader.forEach(row -> ids.add((Integer) row.get("id")));
    }
    assertThat(ids).hasSize(manifest.get("rows").intValue());
    assertThat(pairs.get()).as("pairs inserted while the backup ran").isGreaterThan(100);
    assertThat(ids.stream().filter(id -> id >= 400_000 && id < 1_000_000).filter(id -> !ids.contains(id + 1_000_000)))
        .as("pairs of which the snapshot has one row").isEmpty();
    assertThat(ids.stream().filter(id -> id >= 1_400_000).filter(id -> !ids.contains(id - 1_000_000))).isEmpty();
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

  @Test
  void backupsAreListedNewestFirstAndOnlyTheNewestAreKept() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(admin.post("/api/v1/backups/departments?wait=30s").json().get("id").stringValue());
    }
    JsonNode list = admin.get("/api/v1/backups?table=departments").json();
    assertThat(list.valueStream().map(m -> m.get("id").stringValue()).toList()).containsExactly(ids.get(2), ids.get(1));
    assertThat(admin.get("/api/v1/backups/" + ids.get(2)).json().get("rows").longValue()).isEqualTo(12);
    assertThat(admin.get("/api/v1/backups/" + ids.get(0)).status()).isEqualTo(404);
    try (var files = Files.list(DIRECTORY.resolve("departments"))) {
      assertThat(files.map(f -> f.getFileName().toString())).hasSize(4).noneMatch(f -> f.startsWith("."));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void readinessIncludesTheSchemaAtTheVersionOfTheLastMigration(@Value("${rowgate.schema.version}") String required) {
    assertThat(required).as("rowgate.schema.version in application.yml is the last migration").isEqualTo(Migrations.latest());
    JsonNode schema = new Http(port).get("/actuator/health/readiness").json().get("components").get("schema");
    assertThat(schema.get("status").stringValue()).isEqualTo("UP");
    assertThat(schema.get("details").get("version").stringValue()).isEqualTo(required);
  }

  @Test
  void theAdminApiNeedsCredentialsAndRefusesNamesOutsideItsTables() {
    Http anonymous = new Http(port);
    Http.Answer withoutCredentials = anonymous.get("/api/v1/backups");
    assertProblem(withoutCredentials, 401, "credentials-needed");
    assertThat(withoutCredentials.header("WWW-Authenticate")).startsWith("Basic realm=");
    assertThat(withoutCredentials.json().get("detail").stringValue()).contains("ROWGATE_BACKUP_ADMIN_PASSWORD");
    assertProblem(new Http(port).withBasicAuth("admin", "wrong").post("/api/v1/backups/jobs"), 401, "bad-credentials");
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
        "/api/v1/backups/{id}", "/api/v1/restores/{table}", "/api/v1/restores/{id}");
    paths.forEachEntry((path, operations) -> operations.forEachEntry((method, operation) -> {
      Collection<String> responses = operation.get("responses").propertyNames();
      assertThat(responses).as(method + " " + path).contains("401", "400")
          .containsAnyOf("200", "201");
    }));
  }

  private Map<String, String> fingerprints(List<String> tables) {
    Map<String, String> prints = new LinkedHashMap<>();
    tables.forEach(t -> prints.put(t, Tables.fingerprint(jdbc, t)));
    return prints;
  }
}
