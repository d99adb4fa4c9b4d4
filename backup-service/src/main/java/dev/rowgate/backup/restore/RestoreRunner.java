package dev.rowgate.backup.restore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import dev.rowgate.backup.BackupProperties;
import dev.rowgate.backup.catalog.TableCatalog;
import dev.rowgate.backup.catalog.TableShape;
import dev.rowgate.backup.operation.Operation;
import dev.rowgate.backup.snapshot.BackupFiles;
import dev.rowgate.backup.snapshot.Manifest;
import dev.rowgate.service.copy.CopyIn;
import dev.rowgate.service.problem.ApiException;
import dev.rowgate.service.sql.Sql;
import dev.rowgate.service.sql.SqlStates;
import org.apache.avro.Schema;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replaces a table's content with a backup's, in one transaction that holds the table's lock from
 * its first statement: writes by the pipeline wait for the restore and apply on top of it, and a
 * restore that fails or is killed changes nothing. The backup is verified before the table is
 * touched, and references are checked both ways before it is replaced. The table is analyzed in
 * the same transaction, so that queries are planned from the rows it now holds, not from
 * statistics of the rows it held (or none, in a fresh database) until autovacuum comes by.
 */
@Component
public final class RestoreRunner {

  private final TableCatalog catalog;
  private final BackupFiles files;
  private final JdbcClient jdbc;
  private final CopyIn copyIn;
  private final TransactionTemplate transaction;
  private final long lockTimeoutMillis;

  RestoreRunner(TableCatalog catalog, BackupFiles files, JdbcClient jdbc, CopyIn copyIn,
                PlatformTransactionManager transactions, BackupProperties properties) {
    this.catalog = catalog;
    this.files = files;
    this.jdbc = jdbc;
    this.copyIn = copyIn;
    this.transaction = new TransactionTemplate(transactions);
    this.lockTimeoutMillis = properties.lockTimeout().toMillis();
  }

  public RestoreResult restore(String table, Manifest manifest, Operation operation) {
    TableShape shape = catalog.shape(table);
    Schema schema = shape.schema();
    Path file = files.file(manifest);
    BackupCheck.verify(manifest, file, table, schema, operation);
    try {
      transaction.executeWithoutResult(status -> replace(shape, schema, manifest, file, operation));
    } catch (DataAccessException e) {
      if (SqlStates.isLockNotAvailable(e)) {
        throw new ApiException(HttpStatus.CONFLICT, "table-locked", "Table locked", table
            + " stayed locked by other work for " + lockTimeoutMillis + " ms; the table was not touched");
      }
      if (SqlStates.isIntegrityViolation(e)) {
        throw new ApiException(HttpStatus.CONFLICT, "backup-does-not-fit", "Backup does not fit",
            "The rows of backup " + manifest.id() + " break a constraint of " + table + ": "
                + e.getMostSpecificCause().getMessage() + "; the table was not touched");
      }
      throw e;
    }
    return new RestoreResult(table, manifest.id(), manifest.rows(), manifest.snapshotAt(), Instant.now());
  }

  private void replace(TableShape shape, Schema schema, Manifest manifest, Path file, Operation operation) {
    String table = Sql.name(shape.table());
    String columns = Sql.names(shape.columnNames(), "");
    jdbc.sql("SET LOCAL lock_timeout = " + lockTimeoutMillis).update();
    jdbc.sql("LOCK TABLE " + table + " IN EXCLUSIVE MODE").update();
    jdbc.sql("CREATE TEMP TABLE rowgate_restore ON COMMIT DROP AS SELECT " + columns + " FROM " + table
        + " WITH NO DATA").update();
    operation.phase("loading", manifest.rows());
    long loaded = copyIn.stream("COPY rowgate_restore (" + columns + ") FROM STDIN",
        sink -> AvroCopyRows.write(file, schema, shape.columns(), operation, sink));
    if (loaded != manifest.rows()) {
      throw BackupCheck.refused("damaged-backup", "Backup " + manifest.id() + " holds " + loaded
          + " rows, its manifest says " + manifest.rows());
    }
    operation.phase("applying", manifest.rows());
    checkReferences(shape, manifest);
    if (shape.referencedBy().isEmpty() || shape.primaryKey().isEmpty()) {
      jdbc.sql("DELETE FROM " + table).update();
      jdbc.sql("INSERT INTO " + table + " (" + columns + ") SELECT " + columns + " FROM rowgate_restore").update();
    } else {
      merge(shape);
    }
    if (shape.identity() != null) {
      jdbc.sql("SELECT setval(pg_get_serial_sequence(:table, :column), coalesce(max(" + Sql.name(shape.identity())
          + "), 0) + 1, false) FROM " + table).param("table", table).param("column", shape.identity())
          .query(Long.class).single();
    }
    long rows = jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    if (rows != manifest.rows()) {
      throw new IllegalStateException(shape.table() + " holds " + rows + " rows after the restore, the backup "
          + manifest.rows());
    }
    jdbc.sql("ANALYZE " + table).update();
    operation.progress(rows);
  }

  /** Rows that other tables hold must still find the rows they name, and the backup's rows theirs. */
  private void checkReferences(TableShape shape, Manifest manifest) {
    for (TableShape.Reference incoming : shape.referencedBy()) {
      String column = "r." + Sql.name(incoming.column());
      List<String> missing = jdbc.sql("SELECT DISTINCT " + column + "::text FROM " + Sql.name(incoming.table())
          + " r WHERE " + column + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rowgate_restore s WHERE s."
          + Sql.name(incoming.targetColumn()) + " = " + column + ") ORDER BY 1 LIMIT 20").query(String.class).list();
      if (!missing.isEmpty()) {
        throw new ApiException(HttpStatus.CONFLICT, "references-broken", "References would break", incoming.table()
            + " has rows whose " + incoming.column() + " names " + shape.table() + " " + join(missing)
            + ", which backup " + manifest.id() + " lacks; the table was not touched");
      }
    }
    for (TableShape.Reference outgoing : shape.references()) {
      String column = "s." + Sql.name(outgoing.column());
      List<String> missing = jdbc.sql("SELECT DISTINCT " + column + "::text FROM rowgate_restore s WHERE "
          + column + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + Sql.name(outgoing.target()) + " t WHERE t."
          + Sql.name(outgoing.targetColumn()) + " = " + column + ") ORDER BY 1 LIMIT 20").query(String.class).list();
      if (!missing.isEmpty()) {
        throw new ApiException(HttpStatus.CONFLICT, "references-broken", "References would break", "Backup "
            + manifest.id() + " has rows whose " + outgoing.column() + " names " + outgoing.target() + " "
            + join(missing) + ", which " + outgoing.target() + " lacks; the table was not touched");
      }
    }
  }

  /** For a table other tables reference: drop the rows the backup lacks, update the others in place, by key. */
  private void merge(TableShape shape) {
    String table = Sql.name(shape.table());
    List<String> key = shape.primaryKey();
    List<String> values = shape.columnNames().stream().filter(c -> !key.contains(c)).toList();
    String sameKey = key.stream().map(c -> "s." + Sql.name(c) + " = t." + Sql.name(c)).collect(Collectors.joining(" AND "));
    jdbc.sql("DELETE FROM " + table + " t WHERE NOT EXISTS (SELECT 1 FROM rowgate_restore s WHERE " + sameKey + ")")
        .update();
    String columns = Sql.names(shape.columnNames(), "");
    jdbc.sql("INSERT INTO " + table + " AS t (" + columns + ") SELECT " + columns + " FROM rowgate_restore "
        + Sql.onConflictUpdateChanged(key, values)).update();
  }

  private static String join(List<String> ids) {
    return ids.size() < 20 ? String.join(", ", ids) : String.join(", ", ids) + " and more";
  }

}
