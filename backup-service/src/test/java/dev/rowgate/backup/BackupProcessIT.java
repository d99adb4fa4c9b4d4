package dev.rowgate.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rowgate.service.test.DefinedDatabase;
import dev.rowgate.stack.KafkaBroker;
import dev.rowgate.stack.Service;
import dev.rowgate.stack.ServiceProcess;
import dev.rowgate.stack.test.Http;
import dev.rowgate.stack.test.ServiceJar;
import dev.rowgate.stack.test.TestInfrastructure;
import dev.rowgate.stack.test.TestJvm;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * backup-service as a process of its own: how it starts, and a restore killed with SIGKILL
 * half-way. Its heap (64 MB) is smaller than the table it backs up and restores (about 100 MB).
 */
class BackupProcessIT {

  static final String DATABASE = TestInfrastructure.newDatabase();
  static final JdbcTemplate JDBC = new JdbcTemplate(new DriverManagerDataSource(DATABASE));
  static final Path DIRECTORY = Path.of("target", "process-backups-" + UUID.randomUUID());
  static final Map<String, String> ADMIN = Map.of("ROWGATE_ADMIN_PASSWORD", "secret");

  @Test
  void withoutAnAdminPasswordTheServiceDoesNotStartAndSaysWhy() throws IOException {
    ServiceProcess service = start("no-password", Map.of());
    await().atMost(Duration.ofSeconds(60)).until(() -> !service.isAlive());
    assertThat(Files.readString(service.log()))
        .contains("rowgate.security.admin.password is not set: set ROWGATE_ADMIN_PASSWORD")
        .contains("backup-service does not start without an admin");
  }

  @Test
  void aRestoreKilledHalfWayLeavesTheTableAsItWas() {
    fillJobs();
    String before;
    String restore;
    try (ServiceProcess first = start("first", ADMIN)) {
      Http admin = admin(first);
      assertThat(admin.post("/api/v1/backups/jobs?wait=60s").status()).isEqualTo(201);
      JDBC.update("UPDATE jobs SET job = 'changed' WHERE id % 10 = 0");
      JDBC.update("DELETE FROM jobs WHERE id > 900000");
      before = Tables.fingerprint(JDBC, "jobs");

      restore = admin.post("/api/v1/restores/jobs").json().get("id").stringValue();
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
        JsonNode progress = admin.get("/api/v1/restores/" + restore).json();
        return progress.get("phase").stringValue().equals("loading") && progress.get("done").longValue() > 0;
      });
      first.kill();
    }

    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .until(() -> JDBC.update("UPDATE jobs SET job = job WHERE id = 1") == 1);
    assertThat(Tables.fingerprint(JDBC, "jobs")).isEqualTo(before);

    try (ServiceProcess second = start("second", ADMIN)) {
      JsonNode killed = admin(second).get("/api/v1/restores/" + restore).json();
      assertThat(killed.get("state").stringValue()).isEqualTo("failed");
      assertThat(killed.get("error").stringValue()).startsWith("abandoned");
      JsonNode done = admin(second).post("/api/v1/restores/jobs?wait=60s").json();
      assertThat(done.get("state").stringValue()).isEqualTo("done");
      assertThat(JDBC.queryForObject("SELECT count(*) FROM jobs WHERE job = 'changed' OR id > 900000", Long.class))
          .isEqualTo(100_000);
    }
  }

  @Test
  void aBackupKilledHalfWayIsNeverListedAndTheNextStartDeletesWhatItLeft() throws IOException {
    fillJobs();
    Path directory = Path.of("target", "killed-backups-" + UUID.randomUUID());
    Map<String, String> env = new HashMap<>(ADMIN);
    env.put("ROWGATE_BACKUP_DIR", directory.toString());
    String backup;
    try (ServiceProcess first = start("backing-up", env)) {
      Http admin = admin(first);
      backup = admin.post("/api/v1/backups/jobs").json().get("id").stringValue();
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
        JsonNode progress = admin.get("/api/v1/backups/" + backup).json();
        return progress.get("phase").stringValue().equals("reading") && progress.get("done").longValue() > 0;
      });
      first.kill();
    }
    assertThat(files(directory.resolve("jobs"))).as("what the killed backup left").containsExactly("." + backup + ".avro.partial");

    try (ServiceProcess second = start("after-kill", env)) {
      Http admin = admin(second);
      assertThat(files(directory.resolve("jobs"))).as("left once the next start is ready").isEmpty();
      assertThat(admin.get("/api/v1/backups?table=jobs").json().size()).isZero();
      JsonNode killed = admin.get("/api/v1/backups/" + backup).json();
      assertThat(killed.get("state").stringValue()).isEqualTo("failed");
      assertThat(killed.get("error").stringValue()).startsWith("abandoned");

      JsonNode next = admin.post("/api/v1/backups/jobs?wait=60s").json();
      assertThat(next.get("rows").longValue()).isEqualTo(1_000_000);
      assertThat(files(directory.resolve("jobs"))).containsExactlyInAnyOrder(next.get("file").stringValue(),
          next.get("id").stringValue() + ".json");
    }
  }

  @Test
  void theServiceJarWritesAndRestoresBackupsInSnappyAndRefusesXz() throws IOException {
    ServiceProcess xz = start("xz", Map.of("ROWGATE_ADMIN_PASSWORD", "secret", "ROWGATE_BACKUP_CODEC", "xz"), false);
    await().atMost(Duration.ofSeconds(60)).until(() -> !xz.isAlive());
    assertThat(Files.readString(xz.log())).contains("rowgate.backup.codec")
        .contains("is zstandard, deflate, snappy, bzip2 or null");

    DefinedDatabase.define(DATABASE);
    JDBC.execute("TRUNCATE departments CASCADE");
    JDBC.update("INSERT INTO departments (id, department) SELECT g, 'Department ' || g FROM generate_series(1, 500) g");
    Map<String, String> env = new HashMap<>(ADMIN);
    env.put("ROWGATE_BACKUP_CODEC", "snappy");
    try (ServiceProcess service = start("snappy", env)) {
      Http admin = admin(service);
      Http.Answer backup = admin.post("/api/v1/backups/departments?wait=60s");
      assertThat(backup.status()).as(backup.body()).isEqualTo(201);
      assertThat(backup.json().get("codec").stringValue()).isEqualTo("snappy");
      JDBC.update("DELETE FROM departments WHERE id > 10");

      Http.Answer restore = admin.post("/api/v1/restores/departments?wait=60s");

      assertThat(restore.status()).as(restore.body()).isEqualTo(200);
      assertThat(JDBC.queryForObject("SELECT count(*) FROM departments", Long.class)).isEqualTo(500);
    }
  }

  /** A million jobs, a table larger than the service's heap. */
  private static void fillJobs() {
    DefinedDatabase.define(DATABASE);
    JDBC.execute("TRUNCATE jobs CASCADE");
    JDBC.update("INSERT INTO jobs (id, job) SELECT g, 'Job number ' || g || repeat('.', 80)"
        + " FROM generate_series(1, 1000000) g");
    assertThat(JDBC.queryForObject("SELECT pg_table_size('jobs')", Long.class)).isGreaterThan(64L << 20);
  }

  private static List<String> files(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (var files = Files.list(directory)) {
      return files.map(f -> f.getFileName().toString()).toList();
    }
  }

  private static Http admin(ServiceProcess service) {
    return new Http(service.name().substring(service.name().indexOf('@') + 1)).withBasicAuth("admin", "secret");
  }

  private static ServiceProcess start(String name, Map<String, String> extra) {
    return start(name, extra, extra.containsKey("ROWGATE_ADMIN_PASSWORD"));
  }

  /** @param ready whether to wait until the service is ready, or only start it */
  private static ServiceProcess start(String name, Map<String, String> extra, boolean ready) {
    int port = KafkaBroker.freePort();
    Map<String, String> env = new HashMap<>(extra);
    env.put("ROWGATE_DB_URL", DATABASE);
    env.put("ROWGATE_DB_USER", "");
    env.put("ROWGATE_BACKUP_PORT", String.valueOf(port));
    env.putIfAbsent("ROWGATE_BACKUP_DIR", DIRECTORY.toString());
    ServiceProcess service = ServiceProcess.start(name + "@http://localhost:" + port, TestJvm.options("64m"),
        List.of("-jar", ServiceJar.of(Service.BACKUP)), env, Path.of("target", "backup-" + name + ".log"));
    if (ready) {
      service.awaitHttpOk("http://localhost:" + port + "/actuator/health/readiness", Duration.ofSeconds(90));
    }
    return service;
  }
}
