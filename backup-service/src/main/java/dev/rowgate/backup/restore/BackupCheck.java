package dev.rowgate.backup.restore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import dev.rowgate.backup.operation.Operation;
import dev.rowgate.backup.snapshot.Manifest;
import dev.rowgate.service.Sha256;
import dev.rowgate.service.problem.ApiException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.springframework.http.HttpStatus;

/**
 * What a restore checks before it touches the table: the file is the one the manifest describes
 * (SHA-256), it is a backup of this table, and its schema can be read into the table's columns.
 */
final class BackupCheck {

  private BackupCheck() {
  }

  static void verify(Manifest manifest, Path file, String table, Schema tableSchema, Operation operation) {
    if (!manifest.table().equals(table)) {
      throw refused("wrong-table", "Backup " + manifest.id() + " is a backup of " + manifest.table() + ", not of " + table);
    }
    operation.phase("verifying", manifest.bytes(), "bytes");
    String sha256 = sha256(file, operation);
    if (!sha256.equals(manifest.sha256())) {
      throw refused("damaged-backup", "Backup " + manifest.id() + " is damaged: its SHA-256 is " + sha256
          + ", its manifest says " + manifest.sha256() + "; the table was not touched");
    }
    try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
      String fileTable = reader.getMetaString("rowgate.table");
      if (!table.equals(fileTable)) {
        throw refused("wrong-table", "The file of backup " + manifest.id() + " holds table " + fileTable + ", not " + table);
      }
      SchemaCompatibility.SchemaPairCompatibility compatibility =
          SchemaCompatibility.checkReaderWriterCompatibility(tableSchema, reader.getSchema());
      if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
        throw refused("incompatible-schema", "The rows of backup " + manifest.id() + " cannot be read into the columns "
            + table + " has now: " + compatibility.getDescription());
      }
    } catch (IOException e) {
      throw refused("damaged-backup", "Backup " + manifest.id() + " cannot be read as Avro: " + e.getMessage());
    }
  }

  private static String sha256(Path file, Operation operation) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = Sha256.digest();
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
        operation.progress(n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static ApiException refused(String type, String detail) {
    return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, type, "Backup refused", detail);
  }
}
