package dev.rowgate.dbwriter.persist;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import dev.rowgate.schema.Column;
import dev.rowgate.schema.Table;
import dev.rowgate.service.sql.Sql;

/**
 * The SQL that writes valid rows of one table, made from its definition: a staging table of the
 * rows' values (and their place in the poll) to COPY into, and one statement that upserts by key
 * every staged row whose referenced rows exist, the last of each key winning, and returns the
 * others with the references they miss. Names reach SQL quoted, from the applied definitions.
 */
final class TableStatements {

  private static final String MERGE = """
      WITH upserted AS (
          INSERT INTO %2$s AS t (%3$s)
          SELECT DISTINCT ON (%4$s) %3$s FROM %1$s s
          WHERE s.seq BETWEEN :first AND :last AND %5$s
          ORDER BY %4$s, seq DESC
          %6$s)
      SELECT s.seq%7$s FROM %1$s s WHERE s.seq BETWEEN :first AND :last AND NOT (%5$s)
      ORDER BY s.seq""";

  private static final String UPSERT = """
      INSERT INTO %2$s AS t (%3$s)
      SELECT DISTINCT ON (%4$s) %3$s FROM %1$s s WHERE s.seq BETWEEN :first AND :last
      ORDER BY %4$s, seq DESC
      %5$s""";

  private final Table table;
  private final String stage;
  private final List<Column> references;

  TableStatements(Table table) {
    this.table = table;
    this.stage = stageName(table);
    this.references = table.referenceColumns();
  }

  /**
   * A temporary table per shape of the table: after a column is added, a connection's stage of
   * the earlier shape is not used for the new one. Within PostgreSQL's 63 bytes for any table name.
   */
  private static String stageName(Table table) {
    String shape = table.columns().stream().map(c -> c.name() + " " + Sql.baseType(c.type()))
        .collect(Collectors.joining(","));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(shape.getBytes(StandardCharsets.UTF_8));
      return Sql.name("rowgate_" + table.name() + "_" + HexFormat.of().formatHex(digest, 0, 3));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  /** The columns that must name an existing row, in the order {@link #merge()} reports them missing. */
  List<Column> references() {
    return references;
  }

  String createStage() {
    String columns = table.columns().stream().map(c -> Sql.name(c.name()) + " " + Sql.baseType(c.type()))
        .collect(Collectors.joining(", "));
    return "CREATE TEMP TABLE IF NOT EXISTS " + stage + " (seq integer, " + columns + ") ON COMMIT DELETE ROWS";
  }

  /** COPY straight into the table, for rows with new keys. */
  String copyTable() {
    return "COPY " + Sql.name(table.name()) + " (" + Sql.names(table.columnNames(), "") + ") FROM STDIN";
  }

  String copyStage() {
    return "COPY " + stage + " (seq, " + Sql.names(table.columnNames(), "") + ") FROM STDIN";
  }

  /**
   * Parameters: {@code first} and {@code last}, the first and last staged seq to write.
   * Returns a row per staged row that was not written: its seq, then for each reference whether
   * its row is missing.
   */
  String merge() {
    List<String> key = table.keyColumns().stream().map(Column::name).toList();
    List<String> values = table.columnNames().stream().filter(c -> !key.contains(c)).toList();
    String columns = Sql.names(table.columnNames(), "");
    String conflict = Sql.onConflictUpdateChanged(key, values);
    String name = Sql.name(table.name());
    if (references.isEmpty()) {
      return UPSERT.formatted(stage, name, columns, Sql.names(key, ""), conflict);
    }
    String referencesExist = references.stream().map(References::present).collect(Collectors.joining(" AND "));
    String missing = references.stream().map(c -> ", NOT " + References.present(c)).collect(Collectors.joining());
    return MERGE.formatted(stage, name, columns, Sql.names(key, ""), referencesExist, conflict, missing);
  }
}
