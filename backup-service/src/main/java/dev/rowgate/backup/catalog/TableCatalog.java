package dev.rowgate.backup.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.rowgate.schema.DataDictionary;
import dev.rowgate.schema.Table;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The tables that can be backed up, each table of the data dictionary and its errors table, and
 * their shape as PostgreSQL reports it. A table name from a request reaches SQL only once found here.
 */
@Component
public final class TableCatalog {

  private static final String COLUMNS = """
      SELECT a.attname, t.typname, a.attnotnull
      FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
      WHERE a.attrelid = to_regclass(:table) AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY a.attnum""";

  private static final String FOREIGN_KEYS = """
      SELECT c.conrelid::regclass::text AS source, a.attname AS column_name, c.confrelid::regclass::text AS target
      FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND (c.conrelid = to_regclass(:table) OR c.confrelid = to_regclass(:table))
      ORDER BY 1, 2""";

  private static final String IDENTITY = """
      SELECT count(*) > 0 FROM pg_attribute WHERE attrelid = to_regclass(:table) AND attidentity <> ''""";

  private final JdbcClient jdbc;

  TableCatalog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every table a backup can be taken of. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    for (Table table : DataDictionary.TABLES) {
      names.add(table.name());
      names.add(table.errorsTable());
    }
    return names;
  }

  public static Optional<String> find(String name) {
    return names().stream().filter(n -> n.equals(name)).findFirst();
  }

  /** The table's shape now; the table must be one of {@link #names()}. */
  public TableShape shape(String table) {
    String known = find(table).orElseThrow(() -> new IllegalArgumentException("not a backup table: " + table));
    List<ColumnShape> columns = jdbc.sql(COLUMNS).param("table", known)
        .query((rs, i) -> new ColumnShape(rs.getString(1), rs.getString(2), rs.getBoolean(3))).list();
    if (columns.isEmpty()) {
      throw new IllegalStateException("table " + known + " does not exist; has db-writer migrated the database?");
    }
    List<TableShape.Reference> keys = jdbc.sql(FOREIGN_KEYS).param("table", known)
        .query((rs, i) -> new TableShape.Reference(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    boolean identity = jdbc.sql(IDENTITY).param("table", known).query(Boolean.class).single();
    return new TableShape(known, columns, keys.stream().filter(k -> k.table().equals(known)).toList(),
        keys.stream().filter(k -> k.target().equals(known)).toList(), identity);
  }
}
