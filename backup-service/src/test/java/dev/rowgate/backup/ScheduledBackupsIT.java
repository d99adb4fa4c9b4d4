package dev.rowgate.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.rowgate.backup.catalog.TableCatalog;
import dev.rowgate.backup.snapshot.BackupFiles;
import dev.rowgate.backup.snapshot.Manifest;
import dev.rowgate.stack.test.Http;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Backups on a schedule (every 3 s), of which one per table is kept, written with another codec
 * than the default.
 */
@TestPropertySource(properties = {"rowgate.backup.schedule=*/3 * * * * *", "rowgate.backup.keep=1",
    "rowgate.backup.codec=deflate"})
class ScheduledBackupsIT extends BackupServiceOnOwnDatabase {

  @Autowired
  BackupFiles files;

  @Autowired
  TableCatalog catalog;

  @Test
  void theScheduleBacksUpEveryTableKeepingOnlyTheNewestInTheConfiguredCodec() throws IOException {
    Tables.loadHiringData(jdbc);
    Map<String, String> first = await().atMost(Duration.ofSeconds(60)).until(this::latestIds,
        latest -> latest.keySet().containsAll(catalog.names()));

    await().atMost(Duration.ofSeconds(60)).until(this::latestIds,
        latest -> catalog.names().stream().noneMatch(table -> latest.get(table).equals(first.get(table))));

    // A round may be between publishing a backup and deleting the older one: the next read sees one.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      for (String table : catalog.names()) {
        assertThat(files.list(Optional.of(table))).as("backups of %s", table).hasSize(1)
            .allSatisfy(kept -> assertThat(kept.codec()).isEqualTo("deflate"));
        try (Stream<Path> left = Files.list(backups.resolve(table))) {
          assertThat(left.map(f -> f.getFileName().toString())).as("files of %s", table).hasSize(2);
        }
      }
    });
    // The schedule deletes each backup 3 s after the next: read whichever is the latest then.
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      Manifest hires = files.latest("hired_employees").orElseThrow();
      try (DataFileReader<GenericRecord> reader = new DataFileReader<>(files.file(hires).toFile(),
          new GenericDatumReader<>())) {
        assertThat(reader.getMetaString("avro.codec")).isEqualTo("deflate");
        long rows = 0;
        for (GenericRecord ignored : reader) {
          rows++;
        }
        assertThat(rows).isEqualTo(hires.rows()).isEqualTo(1929);
      }
    });

    jdbc.update("DELETE FROM hired_employees WHERE id > 100");
    Http admin = admin();
    await().atMost(Duration.ofSeconds(30)).until(() -> admin.post("/api/v1/restores/hired_employees?wait=30s")
        .status(), status -> status != 409);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM hired_employees", Long.class)).isEqualTo(1929);
  }

  private Map<String, String> latestIds() {
    return files.list(Optional.empty()).stream()
        .collect(Collectors.toMap(Manifest::table, Manifest::id, (newest, older) -> newest));
  }
}
