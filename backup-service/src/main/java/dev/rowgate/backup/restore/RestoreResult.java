package dev.rowgate.backup.restore;

import java.time.Instant;

/** A finished restore: the table now holds exactly the rows of the backup's snapshot. */
public record RestoreResult(String table, String backupId, long rows, Instant snapshotAt, Instant restoredAt) {
}
