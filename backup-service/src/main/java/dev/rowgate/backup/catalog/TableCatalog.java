package dev.rowgate.backup.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.rowgate.schema.Definitions;
import dev.rowgate.schema.Table;
import dev.rowgate.service.definitions.AppliedDefinitions;
import dev.rowgate.service.sql.Sql;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The tables that can be backed up, each table of the applied definitions and its errors table,
 * and their shape as PostgreSQL reports it. A table name from a request reaches SQL only once
 * found here, and quoted.
 */
@Component
public final class TableCatalog {

  private static final String COLUMNS = """
      SELECT a.attname, t.typname, a.attnotnull
      FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
      WHERE a.attrelid = to_regclass(:table) AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY a.attnum""";

  private static final String PRIMARY_KEY = """
      SELECT a.attname FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = to_regclass(:table) AND i.indisprimary ORDER BY k.n""";

  private static final String FOREIGN_KEYS = """
      SELECT s.relname AS source, a.attname AS column_name, t.relname AS target, ta.attname AS target_column
      FROM pg_constraint c
      JOIN pg_class s ON s.oid = c.conrelid JOIN pg_class t ON t.oid = c.confrelid
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      JOIN pg_attribute ta ON ta.attrelid = c.confrelid AND ta.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
        AND (c.conrelid = to_regclass(:table) OR c.confrelid = to_regclass(:table))
      ORDER BY 1, 2""";

  private static final String IDENTITY = """
      SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(:table) AND attidentity <> ''""";

  private final JdbcClient jdbc;
  private final Supplier<Definitions> definitions;

  @Autowired
  TableCatalog(JdbcClient jdbc, AppliedDefinitions definitions) {
    this(jdbc, definitions::latest);
  }

  private TableCatalog(JdbcClient jdbc, Supplier<Definitions> definitions) {
    this.jdbc = jdbc;
    this.definitions = definitions;
  }

  /** A catalog of these definitions' tables, for a test that backs up no table. */
  public static TableCatalog of(Supplier<Definitions> definitions) {
    return new TableCatalog(null, definitions);
  }

  /** Every table a backup can be taken of. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    for (Table table : definitions.get().tables()) {
      names.add(table.name());
      names.add(table.errorsTable());
    }
    return names;
  }

  public Optional<String> find(String name) {
    return names().stream().filter(n -> n.equals(name)).findFirst();
  }

  /** The table's shape now; the table must be one of {@link #names()}. */
  public TableShape shape(String table) {
    String known = find(table).orElseThrow(() -> new IllegalArgumentException("not a backup table: " + table));
    String regclass = Sql.name(known);
    List<ColumnShape> columns = jdbc.sql(COLUMNS).param("table", regclass)
        .query((rs, i) -> new ColumnShape(rs.getString(1), rs.getString(2), rs.getBoolean(3))).list();
    if (columns.isEmpty()) {
      throw new IllegalStateException("table " + known + " does not exist; has db-writer applied the definitions?");
    }
    List<String> primaryKey = jdbc.sql(PRIMARY_KEY).param("table", regclass).query(String.class).list();
    List<TableShape.Reference> keys = jdbc.sql(FOREIGN_KEYS).param("table", regclass)
        .query((rs, i) -> new TableShape.Reference(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .list();
    Optional<String> identity = jdbc.sql(IDENTITY).param("table", regclass).query(String.class).optional();
    return new TableShape(known, columns, primaryKey, keys.stream().filter(k -> k.table().equals(known)).toList(),
        keys.stream().filter(k -> k.target().equals(known)).toList(), identity.orElse(null));
  }
}
