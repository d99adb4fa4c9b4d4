package dev.rowgate.backup.snapshot;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;

import dev.rowgate.backup.BackupProperties;
import dev.rowgate.backup.catalog.TableCatalog;
import dev.rowgate.backup.catalog.TableShape;
import dev.rowgate.backup.operation.Operation;
import dev.rowgate.service.Sha256;
import dev.rowgate.service.sql.Sql;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes one table to an Avro object container file: every row of one snapshot of the database
 * (a repeatable-read transaction), read through {@code COPY ... TO STDOUT} and appended as it
 * comes, so memory stays flat. The schema, the table and the backup id are in the file's header.
 */
@Component
public final class SnapshotWriter {

  static final String TABLE_META = "rowgate.table";
  static final String ID_META = "rowgate.backup.id";
  private static final int PROGRESS_EVERY = 1000;

  private final TableCatalog catalog;
  private final BackupFiles files;
  private final JdbcClient jdbc;
  /** The connection of the snapshot's transaction, for COPY. */
  private final JdbcOperations connections;
  private final TransactionTemplate snapshot;
  private final CodecFactory codec;
  private final String codecName;

  SnapshotWriter(TableCatalog catalog, BackupFiles files, JdbcClient jdbc, JdbcOperations connections,
                 PlatformTransactionManager transactions, BackupProperties properties) {
    this.catalog = catalog;
    this.files = files;
    this.jdbc = jdbc;
    this.connections = connections;
    this.snapshot = new TransactionTemplate(transactions);
    this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.snapshot.setReadOnly(true);
    this.codecName = properties.codec();
    this.codec = CodecFactory.fromString(properties.codec());
  }

  public Manifest write(String table, String id, Operation operation) {
    files.deleteUnfinished(table);
    Path partial = files.partial(table, id);
    try {
      return write(table, id, partial, operation);
    } catch (RuntimeException e) {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  private Manifest write(String table, String id, Path partial, Operation operation) {
    Instant startedAt = Instant.now();
    TableShape shape = catalog.shape(table);
    Schema schema = shape.schema();
    MessageDigest sha256 = Sha256.digest();
    Written written = snapshot.execute(status -> writeSnapshot(shape, schema, id, partial, sha256, operation));
    try {
      Manifest manifest = new Manifest(id, table, written.rows(), Files.size(partial), codecName,
          HexFormat.of().formatHex(sha256.digest()),
          HexFormat.of().toHexDigits(SchemaNormalization.parsingFingerprint64(schema)), written.snapshotAt(),
          startedAt, Instant.now(), id + ".avro");
      files.publish(partial, manifest);
      return manifest;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot size " + partial, e);
    }
  }

  /** Inside the snapshot's transaction: the file, from its header to its last row, synced to disk. */
  private Written writeSnapshot(TableShape shape, Schema schema, String id, Path partial, MessageDigest sha256,
                                Operation operation) {
    Instant snapshotAt = jdbc.sql("SELECT now()").query(Timestamp.class).single().toInstant();
    long total = jdbc.sql("SELECT count(*) FROM " + Sql.name(shape.table())).query(Long.class).single();
    operation.phase("reading", total);
    try (FileOutputStream out = new FileOutputStream(partial.toFile());
         DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
      writer.setCodec(codec);
      writer.setMeta(TABLE_META, shape.table());
      writer.setMeta(ID_META, id);
      writer.create(schema, new BufferedOutputStream(new DigestOutputStream(out, sha256), 1 << 16));
      long rows = appendRows(shape, writer, partial, operation);
      writer.flush();
      out.getFD().sync();
      return new Written(rows, snapshotAt);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + partial, e);
    }
  }

  /** Every row of the table, through COPY, reporting progress every thousand rows. */
  private long appendRows(TableShape shape, DataFileWriter<GenericRecord> writer, Path partial, Operation operation) {
    Long rows = connections.execute((Connection connection) -> {
      CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(BinaryCopyRows.sql(shape));
      try {
        return appendRows(new BinaryCopyRows(shape, copy), writer, partial, operation);
      } catch (RuntimeException | SQLException e) {
        drain(copy, e);
        throw e;
      }
    });
    return rows == null ? 0 : rows;
  }

  private static long appendRows(BinaryCopyRows source, DataFileWriter<GenericRecord> writer, Path partial,
                                 Operation operation) throws SQLException {
    try {
      long count = 0;
      for (ByteBuffer row = source.next(); row != null; row = source.next()) {
        writer.appendEncoded(row);
        if (++count % PROGRESS_EVERY == 0) {
          operation.progress(PROGRESS_EVERY);
        }
      }
      operation.progress(count % PROGRESS_EVERY);
      return count;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + partial, e);
    }
  }

  /**
   * Reads what is left of a COPY that stopped half-way, so that the connection is ready for the
   * rollback. (pgjdbc's {@code cancelCopy} instead left it out of step with the server: the next
   * statement on it failed with "Unexpected packet type".)
   */
  private static void drain(CopyOut copy, Exception failure) {
    try {
      while (copy.isActive()) {
        copy.readFromCopy();
      }
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private record Written(long rows, Instant snapshotAt) {
  }
}
