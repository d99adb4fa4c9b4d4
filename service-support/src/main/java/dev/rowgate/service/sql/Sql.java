package dev.rowgate.service.sql;

import java.util.List;
import java.util.stream.Collectors;

import dev.rowgate.schema.Column;
import dev.rowgate.schema.ColumnType;

/**
 * Names and values as SQL text. Table and column names reach SQL only through {@link #name}, quoted,
 * and only once they were found among the applied definitions (or PostgreSQL's catalog).
 */
public final class Sql {

  private Sql() {
  }

  /** An identifier, quoted: {@code "orders"}. */
  public static String name(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** Identifiers, quoted, separated by commas; each prefixed with {@code alias.} unless the alias is empty. */
  public static String names(List<String> identifiers, String alias) {
    String prefix = alias.isEmpty() ? "" : alias + ".";
    return identifiers.stream().map(id -> prefix + name(id)).collect(Collectors.joining(", "));
  }

  /**
   * The {@code ON CONFLICT} clause of an upsert into a table aliased {@code t}: a row of the same
   * key takes the new values only where one differs, so that a row sent again unchanged is not
   * written again (no new row version, no trigger); with no column beside the key, nothing.
   */
  public static String onConflictUpdateChanged(List<String> key, List<String> values) {
    String conflict = "ON CONFLICT (" + names(key, "") + ")";
    if (values.isEmpty()) {
      return conflict + " DO NOTHING";
    }
    return conflict + " DO UPDATE SET " + values.stream().map(c -> name(c) + " = EXCLUDED." + name(c))
        .collect(Collectors.joining(", "))
        + " WHERE ROW(" + names(values, "t") + ") IS DISTINCT FROM ROW(" + names(values, "EXCLUDED") + ")";
  }

  /** A text literal: {@code 'it''s'}. */
  public static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** The column's type in PostgreSQL, as DDL writes it. */
  public static String type(Column column) {
    return switch (column.type()) {
      case INTEGER -> "integer";
      case BIGINT -> "bigint";
      case DECIMAL -> "numeric(" + column.precision() + "," + column.scale() + ")";
      case TEXT -> column.rules().maxLength() == null ? "text" : "varchar(" + column.rules().maxLength() + ")";
      case BOOLEAN -> "boolean";
      case DATE -> "date";
      case TIMESTAMP -> "timestamptz";
      case UUID -> "uuid";
    };
  }

  /** The column's type as PostgreSQL's {@code format_type} names it, to compare with a table that exists. */
  public static String formattedType(Column column) {
    return switch (column.type()) {
      case TEXT -> column.rules().maxLength() == null ? "text" : "character varying(" + column.rules().maxLength() + ")";
      case TIMESTAMP -> "timestamp with time zone";
      default -> type(column);
    };
  }

  /** The type of a value of the column without its length, for a cast or an array: {@code integer[]}. */
  public static String baseType(ColumnType type) {
    return switch (type) {
      case INTEGER -> "integer";
      case BIGINT -> "bigint";
      case DECIMAL -> "numeric";
      case TEXT -> "text";
      case BOOLEAN -> "boolean";
      case DATE -> "date";
      case TIMESTAMP -> "timestamptz";
      case UUID -> "uuid";
    };
  }
}
