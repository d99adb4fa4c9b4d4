package dev.rowgate.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rowgate.stack.test.Http;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Backups of the hiring data: what they hold, how they are listed and kept, and their round trip. */
class BackupsIT extends BackupServiceOnHiringData {

  @Test
  void theHiringDataComesBackRowForRowAfterTheTablesWereChanged() {
    List<String> tables = List.of("departments", "jobs", "hired_employees", "hired_employees_errors",
        "departments_errors", "jobs_errors");
    Map<String, String> before = fingerprints(tables);
    Map<String, JsonNode> manifests = new HashMap<>();
    for (String table : tables) {
      Http.Answer answer = admin.post("/api/v1/backups/" + table + "?wait=30s");
      assertThat(answer.status()).as(answer.body()).isEqualTo(201);
      manifests.put(table, answer.json());
    }
    assertThat(manifests.get("hired_employees").get("rows").longValue()).isEqualTo(1929);
    assertThat(manifests.get("hired_employees_errors").get("rows").longValue()).isEqualTo(70);
    assertThat(manifests.get("departments_errors").get("rows").longValue()).isEqualTo(1);
    assertThat(manifests.get("jobs_errors").get("rows").longValue()).isEqualTo(1);
    assertThat(manifests.get("departments").get("codec").stringValue()).isEqualTo("zstandard");
    assertThat(manifests.get("jobs").get("sha256").stringValue()).hasSize(64);

    jdbc.update("DELETE FROM hired_employees WHERE id % 3 = 0");
    jdbc.update("UPDATE hired_employees SET name = 'changed' WHERE id % 5 = 0");
    jdbc.update("UPDATE departments SET department = 'Renamed' WHERE id = 4");
    jdbc.update("INSERT INTO jobs (id, job) VALUES (999, 'Extra')");
    jdbc.update("DELETE FROM hired_employees_errors WHERE line > 1000");
    jdbc.update("DELETE FROM departments_errors");
    jdbc.update("UPDATE jobs_errors SET state = 'open', raw = '{}'");
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
  void aRestoreByBackupIdBringsBackThatBackupAndNotTheLatest() {
    String before = Tables.fingerprint(jdbc, "jobs");
    String older = admin.post("/api/v1/backups/jobs?wait=30s").json().get("id").stringValue();
    jdbc.update("UPDATE jobs SET job = job || ' (renamed)' WHERE id <= 100");
    String renamed = Tables.fingerprint(jdbc, "jobs");
    String latest = admin.post("/api/v1/backups/jobs?wait=30s").json().get("id").stringValue();
    jdbc.update("INSERT INTO jobs (id, job) SELECT g, 'Added ' || g FROM generate_series(500, 599) g");

    Http.Answer restored = admin.post("/api/v1/restores/jobs?backupId=" + older + "&wait=30s");

    assertThat(restored.status()).as(restored.body()).isEqualTo(200);
    assertThat(restored.json().get("result").get("backupId").stringValue()).isEqualTo(older);
    assertThat(Tables.fingerprint(jdbc, "jobs")).isEqualTo(before);
    assertThat(admin.post("/api/v1/restores/jobs?backupId=" + latest + "&wait=30s").status()).isEqualTo(200);
    assertThat(Tables.fingerprint(jdbc, "jobs")).isEqualTo(renamed);
    Http.Answer unknown = admin.post("/api/v1/restores/jobs?backupId=jobs-20200101T000000Z-00000000&wait=30s");
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
    assertThat(Tables.fingerprint(jdbc, "jobs")).isEqualTo(renamed);
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
    Path file = backups.resolve("jobs").resolve(manifest.get("file").stringValue());
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
  void backupsAreListedNewestFirstAndOnlyTheNewestAreKept() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(admin.post("/api/v1/backups/departments?wait=30s").json().get("id").stringValue());
    }
    JsonNode list = admin.get("/api/v1/backups?table=departments").json();
    assertThat(list.valueStream().map(m -> m.get("id").stringValue()).toList()).containsExactly(ids.get(2), ids.get(1));
    assertThat(admin.get("/api/v1/backups/" + ids.get(2)).json().get("rows").longValue()).isEqualTo(12);
    assertThat(admin.get("/api/v1/backups/" + ids.get(0)).status()).isEqualTo(404);
    try (var files = Files.list(backups.resolve("departments"))) {
      assertThat(files.map(f -> f.getFileName().toString())).hasSize(4).noneMatch(f -> f.startsWith("."));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, String> fingerprints(List<String> tables) {
    Map<String, String> prints = new LinkedHashMap<>();
    tables.forEach(t -> prints.put(t, Tables.fingerprint(jdbc, t)));
    return prints;
  }
}
