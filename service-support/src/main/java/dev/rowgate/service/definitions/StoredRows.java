package dev.rowgate.service.definitions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.rowgate.schema.Broken;
import dev.rowgate.schema.Column;
import dev.rowgate.schema.ColumnCheck;
import dev.rowgate.schema.TableDefinition;
import dev.rowgate.service.sql.Sql;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rows a table holds, held to its definition before a change applies: each value of a column
 * checked by the very rules the validator applies (Java's, so that a pattern means one thing), and
 * the values of a reference column found in the table they name.
 */
final class StoredRows {

  private static final int EXAMPLES = 3;
  private static final int FETCH = 10_000;

  private final JdbcClient jdbc;

  StoredRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Why the table's stored values of the column break its rules, if any does. */
  Optional<String> breaking(TableDefinition table, Column column) {
    ColumnCheck check = ColumnCheck.of(column);
    long[] broken = {0};
    List<String> examples = new ArrayList<>();
    String sql = "SELECT " + Sql.names(table.key(), "") + ", " + Sql.name(column.name()) + " FROM "
        + Sql.name(table.name());
    jdbc.sql(sql).withFetchSize(FETCH).query((RowCallbackHandler) rs -> {
      Object value = value(rs, table.key().size() + 1, column);
      String why = null;
      if (value == null) {
        why = column.required() ? column.name() + " is null" : null;
      } else {
        try {
          check.checkRules(value);
        } catch (Broken e) {
          why = e.reason().getMessage();
        }
      }
      if (why != null && broken[0]++ < EXAMPLES) {
        examples.add("the row of key " + key(rs, table) + ": " + why);
      }
    });
    if (broken[0] == 0) {
      return Optional.empty();
    }
    return Optional.of(broken[0] + (broken[0] == 1 ? " row the table holds breaks" : " rows the table holds break")
        + " the column's rules, e.g. " + String.join("; ", examples));
  }

  /** Why the stored values of a reference column do not all name a row of its table, if they do not. */
  Optional<String> unreferenced(TableDefinition table, Column column) {
    String sql = "SELECT DISTINCT s." + Sql.name(column.name()) + "::text FROM " + Sql.name(table.name()) + " s WHERE s."
        + Sql.name(column.name()) + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + Sql.name(column.references().table())
        + " r WHERE r." + Sql.name(column.references().column()) + " = s." + Sql.name(column.name()) + ") ORDER BY 1 LIMIT "
        + (EXAMPLES + 1);
    List<String> missing = jdbc.sql(sql).query(String.class).list();
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("rows the table holds name " + column.references().table() + " "
        + String.join(", ", missing.subList(0, Math.min(EXAMPLES, missing.size()))) + (missing.size() > EXAMPLES
        ? " and more" : "") + ", which " + column.references().table() + " lacks");
  }

  /** A value of the column that some stored row holds, if one does. */
  Optional<String> anyValue(TableDefinition table, Column column) {
    return jdbc.sql("SELECT " + Sql.name(column.name()) + "::text FROM " + Sql.name(table.name()) + " WHERE "
        + Sql.name(column.name()) + " IS NOT NULL LIMIT 1").query(String.class).optional();
  }

  private static String key(ResultSet rs, TableDefinition table) throws SQLException {
    List<String> values = new ArrayList<>();
    for (int i = 1; i <= table.key().size(); i++) {
      values.add(rs.getString(i));
    }
    return values.size() == 1 ? values.get(0) : values.toString();
  }

  /** A stored value as the Java type the column's check takes. */
  private static Object value(ResultSet rs, int index, Column column) throws SQLException {
    Object value = switch (column.type()) {
      case INTEGER -> rs.getInt(index);
      case BIGINT -> rs.getLong(index);
      case DECIMAL -> rs.getBigDecimal(index);
      case TEXT -> rs.getString(index);
      case BOOLEAN -> rs.getBoolean(index);
      case DATE -> rs.getObject(index, LocalDate.class);
      case TIMESTAMP -> {
        OffsetDateTime time = rs.getObject(index, OffsetDateTime.class);
        yield time == null ? null : time.toInstant();
      }
      case UUID -> rs.getObject(index, UUID.class);
    };
    return rs.wasNull() ? null : value;
  }
}
