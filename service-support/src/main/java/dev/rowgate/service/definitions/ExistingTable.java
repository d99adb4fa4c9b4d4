package dev.rowgate.service.definitions;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.rowgate.service.sql.Sql;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A table as PostgreSQL's catalog has it: its columns with their types, its primary key, its
 * one-column foreign keys and the columns that lead one of its indexes.
 *
 * @param columns     by name, in the table's order: type as {@code format_type} writes it, and not null
 * @param foreignKeys by column
 */
record ExistingTable(String name, Map<String, ExistingColumn> columns, List<String> primaryKey,
                     Map<String, ForeignKey> foreignKeys, Set<String> indexed) {

  record ExistingColumn(String type, boolean notNull) {
  }

  record ForeignKey(String constraint, String table, String column) {
  }

  private static final String EXISTS = "SELECT to_regclass(:table) IS NOT NULL";

  private static final String COLUMNS = """
      SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull FROM pg_attribute a
      WHERE a.attrelid = to_regclass(:table) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""";

  private static final String PRIMARY_KEY = """
      SELECT a.attname FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = to_regclass(:table) AND i.indisprimary ORDER BY k.n""";

  private static final String FOREIGN_KEYS = """
      SELECT c.conname, a.attname, t.relname, fa.attname FROM pg_constraint c
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      JOIN pg_class t ON t.oid = c.confrelid
      JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND c.conrelid = to_regclass(:table) AND cardinality(c.conkey) = 1""";

  private static final String INDEXED = """
      SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
      WHERE i.indrelid = to_regclass(:table)""";

  /** The table of this name in the session's schemas, if there is one. */
  static Optional<ExistingTable> read(JdbcClient jdbc, String name) {
    String table = Sql.name(name);
    if (!Boolean.TRUE.equals(jdbc.sql(EXISTS).param("table", table).query(Boolean.class).single())) {
      return Optional.empty();
    }
    Map<String, ExistingColumn> columns = new LinkedHashMap<>();
    jdbc.sql(COLUMNS).param("table", table).query((RowCallbackHandler) rs -> {
      columns.put(rs.getString(1), new ExistingColumn(rs.getString(2), rs.getBoolean(3)));
    });
    List<String> primaryKey = jdbc.sql(PRIMARY_KEY).param("table", table).query(String.class).list();
    Map<String, ForeignKey> foreignKeys = new HashMap<>();
    jdbc.sql(FOREIGN_KEYS).param("table", table).query((RowCallbackHandler) rs -> {
      foreignKeys.put(rs.getString(2), new ForeignKey(rs.getString(1), rs.getString(3), rs.getString(4)));
    });
    Set<String> indexed = new HashSet<>(jdbc.sql(INDEXED).param("table", table).query(String.class).list());
    return Optional.of(new ExistingTable(name, columns, primaryKey, foreignKeys, indexed));
  }
}
