package dev.rowgate.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import dev.rowgate.stack.Service;
import dev.rowgate.stack.Stack;
import tools.jackson.databind.JsonNode;

/**
 * backup-service's backup and restore of hired_employees, each timed against COPY of the same
 * table in binary format (TO a file, FROM that file into an identical table), in the same run.
 * The backup, like COPY TO, is the better of two: the first backup of a fresh service runs mostly
 * interpreted code (0.8 s against 0.3 s once compiled, on 1.18 million hires).
 */
final class BackupAndRestore {

  private BackupAndRestore() {
  }

  static void measure(Stack stack, Database db, Path work, Figures figures) {
    long rows = db.queryLong("SELECT count(*) FROM hired_employees");
    figures.section("backup and restore of hired_employees (" + rows + " rows)");
    Api admin = new Api(stack.url(Service.BACKUP, 1), "admin", stack.adminPassword());
    JsonNode[] manifest = new JsonNode[1];
    Duration backup = Best.timed(2, () ->
        manifest[0] = admin.operation("/api/v1/backups/hired_employees", "/api/v1/backups/"));
    Path copyFile = work.resolve("hired_employees.copy");
    Duration copyOut = Best.of(2, () -> db.copyOut("hired_employees", copyFile, "binary"));
    figures.compare("backup", "backup-service backup", backup, "COPY TO", copyOut, rows);
    long avroBytes = manifest[0].get("bytes").longValue();
    figures.line("backupBytes", "file sizes: Avro (zstandard) / COPY binary",
        Map.of("avro", avroBytes, "copy", Database.size(copyFile)),
        String.format(Locale.ROOT, "%,d bytes / %,d bytes", avroBytes, Database.size(copyFile)));

    db.execute("UPDATE hired_employees SET name = name || ' (changed)' WHERE id % 10 = 0");
    long start = System.nanoTime();
    admin.operation("/api/v1/restores/hired_employees", "/api/v1/restores/");
    Duration restore = Duration.ofNanos(System.nanoTime() - start);
    Duration copyIn = Best.of(2, () -> db.copyIn("bench_copy_identical", copyFile, "binary"));
    figures.compare("restore", "backup-service restore", restore, "COPY FROM", copyIn, rows);
  }
}
