package dev.rowgate.dbwriter.persist;

import java.util.List;
import java.util.stream.Collectors;

import dev.rowgate.schema.Column;
import dev.rowgate.schema.Table;

/**
 * The SQL that writes valid rows of one table, made from its data-dictionary entry: a staging
 * table of the rows' values (and their place in the poll) to COPY into, and one statement that
 * upserts by id every staged row whose referenced rows exist, the last of each id winning, and
 * returns the others with the references they miss.
 */
final class TableStatements {

  private static final String MERGE = """
      WITH upserted AS (
          INSERT INTO %2$s AS t (%3$s)
          SELECT DISTINCT ON (id) %3$s FROM %1$s s
          WHERE s.seq BETWEEN ? AND ? AND %4$s
          ORDER BY id, seq DESC
          ON CONFLICT (id) DO UPDATE SET %5$s
          WHERE (%6$s) IS DISTINCT FROM (%7$s))
      SELECT s.seq%8$s FROM %1$s s WHERE s.seq BETWEEN ? AND ? AND NOT (%4$s)
      ORDER BY s.seq""";

  private static final String UPSERT = """
      INSERT INTO %2$s AS t (%3$s)
      SELECT DISTINCT ON (id) %3$s FROM %1$s s WHERE s.seq BETWEEN ? AND ?
      ORDER BY id, seq DESC
      ON CONFLICT (id) DO UPDATE SET %4$s
      WHERE (%5$s) IS DISTINCT FROM (%6$s)""";

  private final Table table;
  private final String stage;
  private final List<Column> references;

  TableStatements(Table table) {
    this.table = table;
    this.stage = "rowgate_stage_" + table.name();
    this.references = table.referenceColumns();
  }

  /** The columns that must name an existing row, in the order {@link #merge()} reports them missing. */
  List<Column> references() {
    return references;
  }

  String createStage() {
    String columns = table.columns().stream().map(c -> c.name() + " " + sqlType(c)).collect(Collectors.joining(", "));
    return "CREATE TEMP TABLE IF NOT EXISTS " + stage + " (seq integer, " + columns + ") ON COMMIT DELETE ROWS";
  }

  /** COPY straight into the table, for rows with new ids. */
  String copyTable() {
    return "COPY " + table.name() + " (" + String.join(", ", table.columnNames()) + ") FROM STDIN";
  }

  String copyStage() {
    return "COPY " + stage + " (seq, " + String.join(", ", table.columnNames()) + ") FROM STDIN";
  }

  /**
   * Parameters: the first and last staged seq to write, twice. Returns a row per staged row that
   * was not written: its seq, then for each reference whether its row is missing.
   */
  String merge() {
    List<String> values = table.columnNames().subList(1, table.columns().size());
    String set = values.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
    String current = "ROW(" + values.stream().map(c -> "t." + c).collect(Collectors.joining(", ")) + ")";
    String excluded = "ROW(" + values.stream().map(c -> "EXCLUDED." + c).collect(Collectors.joining(", ")) + ")";
    String columns = String.join(", ", table.columnNames());
    if (references.isEmpty()) {
      return UPSERT.formatted(stage, table.name(), columns, set, current, excluded);
    }
    String referencesExist = references.stream().map(TableStatements::exists).collect(Collectors.joining(" AND "));
    String missing = references.stream().map(c -> ", NOT " + exists(c)).collect(Collectors.joining());
    return MERGE.formatted(stage, table.name(), columns, referencesExist, set, current, excluded, missing);
  }

  private static String exists(Column reference) {
    return "EXISTS (SELECT 1 FROM " + reference.references() + " r WHERE r.id = s." + reference.name() + ")";
  }

  private static String sqlType(Column column) {
    return switch (column.type()) {
      case INTEGER -> "integer";
      case TEXT -> "text";
      case TIMESTAMP -> "timestamptz";
    };
  }
}
