package dev.rowgate.dbwriter.persist;

import java.util.List;
import java.util.stream.Collectors;

import dev.rowgate.dbwriter.errors.RejectedRowWriter;
import dev.rowgate.schema.Column;
import dev.rowgate.schema.Table;

/**
 * The SQL that writes valid rows of one table, made from its data-dictionary entry: a staging
 * table to COPY into, and one statement that refuses rows naming a missing referenced row (into
 * {@code <table>_errors}) and upserts the others by id, the last of each id winning.
 */
final class TableStatements {

  /** Where each staged row came from, ahead of the table's own columns. */
  static final List<String> ORIGIN_COLUMNS = List.of("seq", "batch_id", "row_index", "line", "channel",
      "file_name", "received_at", "source_topic", "source_partition", "source_offset");

  private static final String ORIGIN_TYPES = """
      seq integer, batch_id text, row_index integer, line bigint, channel text, file_name text,
      received_at timestamptz, source_topic text, source_partition integer, source_offset bigint""";

  private static final String MERGE = """
      WITH checked AS MATERIALIZED (
          SELECT s.*, %3$s
          FROM %1$s s %4$s
          WHERE s.seq BETWEEN ? AND ?),
      refused AS (
          INSERT INTO %2$s (batch_id, row_index, line, channel, file_name, received_at, raw, reasons, stage,
                            source_topic, source_partition, source_offset)
          SELECT DISTINCT ON (raw::text) batch_id, row_index, line, channel, file_name, received_at, raw, reasons,
                 'writer', source_topic, source_partition, source_offset
          FROM (SELECT *, %5$s AS raw, %6$s AS reasons FROM checked WHERE NOT refs_ok) r
          ORDER BY raw::text, seq DESC
          ON CONFLICT (raw_hash) DO UPDATE SET %12$s),
      upserted AS (
          INSERT INTO %7$s AS t (%8$s)
          SELECT DISTINCT ON (id) %8$s FROM checked WHERE refs_ok ORDER BY id, seq DESC
          ON CONFLICT (id) DO UPDATE SET %9$s
          WHERE (%10$s) IS DISTINCT FROM (%11$s))
      SELECT batch_id, channel, count(*) AS rows FROM checked WHERE NOT refs_ok GROUP BY batch_id, channel""";

  private static final String REFUSE_ONE = """
      INSERT INTO %2$s (batch_id, row_index, line, channel, file_name, received_at, raw, reasons, stage,
                        source_topic, source_partition, source_offset)
      SELECT batch_id, row_index, line, channel, file_name, received_at, %3$s,
             jsonb_build_array(jsonb_build_object('field', NULL, 'rule', 'database', 'message', ?::text)), 'writer',
             source_topic, source_partition, source_offset
      FROM %1$s WHERE seq = ?
      ON CONFLICT (raw_hash) DO UPDATE SET %4$s
      RETURNING batch_id, channel""";

  private final Table table;
  private final String stage;

  TableStatements(Table table) {
    this.table = table;
    this.stage = "rowgate_stage_" + table.name();
  }

  Table table() {
    return table;
  }

  String createStage() {
    String columns = table.columns().stream().map(c -> c.name() + " " + sqlType(c)).collect(Collectors.joining(", "));
    return "CREATE TEMP TABLE IF NOT EXISTS " + stage + " (" + ORIGIN_TYPES + ", " + columns
        + ") ON COMMIT DELETE ROWS";
  }

  String copyStage() {
    return "COPY " + stage + " (" + String.join(", ", ORIGIN_COLUMNS) + ", " + String.join(", ", table.columnNames())
        + ") FROM STDIN";
  }

  /** Parameters: the first and last staged seq to merge. Returns the refused rows per batch. */
  String merge() {
    List<Column> references = table.columns().stream().filter(Column::isReference).toList();
    String flags = references.stream().map(c -> "r_" + c.name() + ".id IS NOT NULL AS " + c.name() + "_ok, ")
        .collect(Collectors.joining()) + (references.isEmpty() ? "true" : references.stream()
        .map(c -> "r_" + c.name() + ".id IS NOT NULL").collect(Collectors.joining(" AND "))) + " AS refs_ok";
    String joins = references.stream()
        .map(c -> "LEFT JOIN " + c.references() + " r_" + c.name() + " ON r_" + c.name() + ".id = s." + c.name())
        .collect(Collectors.joining(" "));
    String reasons = references.isEmpty() ? "'[]'::jsonb" : "jsonb_path_query_array(jsonb_build_array("
        + references.stream().map(TableStatements::missingReference).collect(Collectors.joining(", "))
        + "), '$[*] ? (@ != null)')";
    List<String> values = table.columnNames().subList(1, table.columns().size());
    String set = values.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
    String current = values.stream().map(c -> "t." + c).collect(Collectors.joining(", "));
    String excluded = values.stream().map(c -> "EXCLUDED." + c).collect(Collectors.joining(", "));
    return MERGE.formatted(stage, table.errorsTable(), flags, joins, rawJson(), reasons, table.name(),
        String.join(", ", table.columnNames()), set, "ROW(" + current + ")", "ROW(" + excluded + ")",
        RejectedRowWriter.REPLACE_LATEST);
  }

  /** Parameters: the database's message, the staged seq. Keeps one staged row as refused by the database. */
  String refuseOne() {
    return REFUSE_ONE.formatted(stage, table.errorsTable(), rawJson(), RejectedRowWriter.REPLACE_LATEST);
  }

  private String rawJson() {
    return "jsonb_build_object(" + table.columnNames().stream().map(c -> "'" + c + "', " + c)
        .collect(Collectors.joining(", ")) + ")";
  }

  private static String missingReference(Column column) {
    return "CASE WHEN NOT " + column.name() + "_ok THEN jsonb_build_object('field', '" + column.name()
        + "', 'rule', 'reference', 'message', format('%s %s names no row of " + column.references() + "', '"
        + column.name() + "', " + column.name() + ")) END";
  }

  private static String sqlType(Column column) {
    return switch (column.type()) {
      case INTEGER -> "integer";
      case TEXT -> "text";
      case TIMESTAMP -> "timestamptz";
    };
  }
}
