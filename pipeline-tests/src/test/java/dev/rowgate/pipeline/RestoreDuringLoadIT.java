package dev.rowgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.rowgate.stack.test.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A restore of jobs while the pipeline's own db-writer writes rows of jobs: the writer waits for
 * the restore's lock, its rows land on top of the restored content, and no reader ever sees a
 * half-restored table.
 */
class RestoreDuringLoadIT {

  static final int BACKED_UP = 400_000;
  static final int KEPT = 100_000;
  static Pipeline pipeline;

  @BeforeAll
  static void start() {
    pipeline = Pipeline.start(Map.of()).withDepartmentsAndJobs();
  }

  @AfterAll
  static void stop() {
    pipeline.close();
  }

  @Test
  void rowsTheWriterWritesDuringARestoreWaitForItAndLandOnTopOfTheRestoredRows() {
    pipeline.execute("INSERT INTO jobs (id, job) SELECT g, 'Backed up ' || g || repeat('.', 60)"
        + " FROM generate_series(1001, 1000 + " + BACKED_UP + ") g");
    Http admin = pipeline.admin();
    assertThat(admin.post("/api/v1/backups/jobs?wait=60s").status()).isEqualTo(201);
    pipeline.execute("DELETE FROM jobs WHERE id > 1000 + " + KEPT);
    String restore = admin.post("/api/v1/restores/jobs").json().get("id").stringValue();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() ->
        admin.get("/api/v1/restores/" + restore).json().get("phase").stringValue().equals("loading"));

    String rows = IntStream.rangeClosed(1, 2_000).mapToObj(i -> i <= 183 ? i + ",Renamed " + i : (5_000_000 + i) + ",New " + i)
        .collect(Collectors.joining("\n"));
    String batch = pipeline.sendCsv("jobs", "during-restore.csv", rows.getBytes(StandardCharsets.UTF_8));
    Set<Long> backedUpSeen = ConcurrentHashMap.newKeySet();
    AtomicBoolean writerWaited = new AtomicBoolean();
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> {
      backedUpSeen.add(pipeline.count("SELECT count(*) FROM jobs WHERE id > 1000"));
      if (pipeline.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
          + " AND pid <> pg_backend_pid() AND query ILIKE '%jobs%'") > 0) {
        writerWaited.set(true);
      }
      return admin.get("/api/v1/restores/" + restore).json().get("state").stringValue().equals("done");
    });
    JsonNode status = pipeline.awaitBatch(batch, Duration.ofSeconds(120));

    assertThat(writerWaited.get()).as("db-writer seen waiting for the restore's lock").isTrue();
    assertThat(backedUpSeen).as("rows a reader saw during the restore")
        .contains((long) KEPT).isSubsetOf((long) KEPT, (long) BACKED_UP, (long) BACKED_UP + 2_000 - 183);
    assertThat(status.get("state").stringValue()).isEqualTo("done");
    assertThat(status.get("persisted").longValue()).isEqualTo(2_000);
    assertThat(pipeline.count("SELECT count(*) FROM jobs WHERE id BETWEEN 1001 AND 1000 + " + BACKED_UP))
        .as("the backup's rows").isEqualTo(BACKED_UP);
    assertThat(pipeline.count("SELECT count(*) FROM jobs WHERE id > 5000000 AND job LIKE 'New %'"))
        .as("new rows written during the restore").isEqualTo(2_000 - 183);
    assertThat(pipeline.count("SELECT count(*) FROM jobs WHERE id <= 183 AND job = 'Renamed ' || id"))
        .as("rows renamed during the restore").isEqualTo(183);
  }
}
