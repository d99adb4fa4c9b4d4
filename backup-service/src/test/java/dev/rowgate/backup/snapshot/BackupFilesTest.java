package dev.rowgate.backup.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.rowgate.backup.BackupProperties;
import dev.rowgate.backup.catalog.TableCatalog;
import dev.rowgate.service.test.TestDefinitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupFilesTest {

  @TempDir
  Path root;

  @Test
  void whatAnUnfinishedBackupLeftBehindIsDeletedAndCompleteBackupsStay() throws IOException {
    BackupFiles files = files();
    String complete = "jobs-20261128T040000Z-0000000a";
    String orphan = "jobs-20261128T040100Z-0000000b";
    files.publish(write(files.partial("jobs", complete)), manifest(complete));
    write(root.resolve("jobs").resolve(orphan + ".avro"));
    write(files.partial("jobs", "jobs-20261128T040200Z-0000000c"));
    write(root.resolve("jobs").resolve(".jobs-20261128T040300Z-0000000d.json.partial"));

    files.deleteUnfinished("jobs");

    assertThat(names()).containsExactlyInAnyOrder(complete + ".avro", complete + ".json");
    assertThat(files.list(Optional.of("jobs"))).extracting(Manifest::id).containsExactly(complete);
  }

  @Test
  void aBackupWhoseManifestCannotBeWrittenLeavesNoFileBehind() throws IOException {
    BackupFiles files = files();
    String id = "jobs-20261128T040000Z-0000000a";
    Path partial = write(files.partial("jobs", id));
    Files.createDirectory(root.resolve("jobs").resolve("." + id + ".json.partial"));

    assertThatThrownBy(() -> files.publish(partial, manifest(id)))
        .isInstanceOf(UncheckedIOException.class).hasMessage("cannot publish backup " + id);

    assertThat(names()).isEmpty();
    assertThat(files.find(id)).isEmpty();
  }

  private BackupFiles files() {
    return new BackupFiles(new BackupProperties(root, "zstandard", 7, "-", Duration.ofSeconds(60),
        Duration.ofSeconds(30)), TableCatalog.of(TestDefinitions::shipped));
  }

  private static Manifest manifest(String id) {
    Instant now = Instant.parse("2026-11-28T04:00:00Z");
    return new Manifest(id, "jobs", 1, 4, "zstandard", "00", "00", now, now, now, id + ".avro");
  }

  private static Path write(Path file) throws IOException {
    return Files.write(file, new byte[] {1, 2, 3, 4});
  }

  private List<String> names() throws IOException {
    try (Stream<Path> names = Files.list(root.resolve("jobs"))) {
      return names.map(f -> f.getFileName().toString()).toList();
    }
  }
}
