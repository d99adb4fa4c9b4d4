package dev.rowgate.backup;

import java.time.Instant;
import java.util.Optional;

import dev.rowgate.backup.operation.Operation;
import dev.rowgate.backup.operation.Operations;
import dev.rowgate.backup.restore.RestoreRunner;
import dev.rowgate.backup.snapshot.BackupFiles;
import dev.rowgate.backup.snapshot.Manifest;
import dev.rowgate.backup.snapshot.SnapshotWriter;
import dev.rowgate.service.problem.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Starts backups (then prunes old ones) and restores, as operations. */
@Component
public final class BackupService {

  private final Operations operations;
  private final SnapshotWriter snapshots;
  private final RestoreRunner restores;
  private final BackupFiles files;
  private final int keep;

  BackupService(Operations operations, SnapshotWriter snapshots, RestoreRunner restores, BackupFiles files,
                BackupProperties properties) {
    this.operations = operations;
    this.snapshots = snapshots;
    this.restores = restores;
    this.files = files;
    this.keep = properties.keep();
  }

  public Operation backup(String table) {
    String id = files.newId(table, Instant.now());
    return operations.start(Operation.Kind.BACKUP, table, id, operation -> {
      Manifest manifest = snapshots.write(table, id, operation);
      files.prune(table, keep);
      return manifest;
    });
  }

  /** Restores the named backup of the table, or its latest when {@code backupId} is empty. */
  public Operation restore(String table, Optional<String> backupId) {
    Manifest manifest = backupId.map(id -> files.find(id).orElseThrow(() -> noBackup("There is no backup " + id)))
        .or(() -> files.latest(table))
        .orElseThrow(() -> noBackup("There is no backup of " + table));
    String id = "restore-" + files.newId(table, Instant.now());
    return operations.start(Operation.Kind.RESTORE, table, id,
        operation -> restores.restore(table, manifest, operation));
  }

  private static ApiException noBackup(String detail) {
    return new ApiException(HttpStatus.NOT_FOUND, "unknown-backup", "Unknown backup", detail);
  }
}
