package dev.rowgate.backup.snapshot;

import java.time.Instant;

/**
 * What a backup holds, written next to its file once the file is complete.
 *
 * @param id                the backup's id: its table, when it was started, and a random suffix
 * @param rows              rows in the file
 * @param bytes             size of the file
 * @param codec             the Avro codec of its blocks
 * @param sha256            SHA-256 of the file, hex
 * @param schemaFingerprint the CRC-64-AVRO fingerprint of the file's schema, hex
 * @param snapshotAt        the moment of the database snapshot the rows come from
 * @param file              the file's name, in the table's directory
 */
public record Manifest(String id, String table, long rows, long bytes, String codec, String sha256,
                       String schemaFingerprint, Instant snapshotAt, Instant startedAt, Instant completedAt,
                       String file) {
}
