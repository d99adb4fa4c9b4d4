package dev.rowgate.dbwriter.persist;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.rowgate.schema.Column;
import dev.rowgate.schema.ColumnType;
import dev.rowgate.schema.RowKeys;
import dev.rowgate.schema.Table;
import dev.rowgate.schema.Values;
import dev.rowgate.service.copy.CopyIn;
import dev.rowgate.service.copy.CopyText;
import dev.rowgate.service.sql.Sql;
import org.apache.avro.generic.GenericRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes the valid rows of one table in a poll, and returns those it did not write. Rows naming a
 * missing referenced row are not written; rows with new keys are copied straight into the table
 * (COPY, the fastest way in); rows replacing others are upserted ({@link StagedUpsert}). While a
 * table's rows keep having new keys, they are copied without asking which keys it holds. Should the
 * database refuse the copy (a row that arrived meanwhile, a referenced row deleted meanwhile, a
 * value it cannot hold), those rows take the upsert path, which finds the rows it refuses.
 */
@Component
final class ValidRowWriter {

  private static final Logger log = LoggerFactory.getLogger(ValidRowWriter.class);

  private final JdbcClient jdbc;
  private final CopyIn copyIn;
  private final Savepoint savepoint;
  private final StagedUpsert upsert;
  private final ReferenceTriggers triggers;
  /**
   * Per table, whether its next rows are expected to have new keys: then they are copied without
   * first asking the table which keys it holds (a probe of its key's index per row), and upserted
   * should the copy meet a key the table holds. A copy that met one makes the next polls ask, until
   * one finds no key held.
   */
  private final Map<String, Boolean> freshExpected = new ConcurrentHashMap<>();
  /** The statements of each table as a version of the definitions has it. */
  private final Map<Table, TableStatements> statements = new ConcurrentHashMap<>();

  ValidRowWriter(JdbcClient jdbc, CopyIn copyIn, Savepoint savepoint, StagedUpsert upsert,
                 ReferenceTriggers triggers) {
    this.jdbc = jdbc;
    this.copyIn = copyIn;
    this.savepoint = savepoint;
    this.upsert = upsert;
    this.triggers = triggers;
  }

  /** Writes the rows; returns those it did not write, each with its reasons. */
  List<Refusal> write(Table table, List<GenericRecord> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    TableStatements sql = statements(table);
    boolean probe = !freshExpected.getOrDefault(table.name(), true);
    RowSplit split = RowSplit.of(table, rows, this::present, probe);
    List<Refusal> refused = new ArrayList<>(split.refused());
    refused.addAll(triggers.off(table, () -> {
      List<GenericRecord> upserts = new ArrayList<>(split.existing());
      if (!split.fresh().isEmpty() && !copyFresh(table, sql, split.fresh())) {
        upserts.addAll(split.fresh());
        freshExpected.put(table.name(), false);
      } else if (probe && split.existing().isEmpty()) {
        freshExpected.put(table.name(), true);
      }
      return upsert.upsert(table, sql, upserts);
    }));
    return refused;
  }

  private TableStatements statements(Table table) {
    TableStatements sql = statements.get(table);
    if (sql == null) {
      statements.keySet().removeIf(other -> other.name().equals(table.name()));
      sql = statements.computeIfAbsent(table, TableStatements::new);
    }
    return sql;
  }

  /** Copies rows with new keys into the table; false when the database refused them, which changes nothing. */
  private boolean copyFresh(Table table, TableStatements sql, List<GenericRecord> rows) {
    CopyText copy = new CopyText();
    rows.forEach(row -> values(copy, table, row));
    Optional<String> refusal = savepoint.refusal(() -> copyIn.copy(sql.copyTable(), copy));
    refusal.ifPresent(message -> log.debug("copying {} rows into {} failed ({}); upserting them", rows.size(),
        table.name(), message));
    return refusal.isEmpty();
  }

  /**
   * Which of these keys the table holds; the table is one of the applied definitions. One probe of
   * its key's index per key, whatever the table's statistics say: a lateral subquery with a limit
   * cannot be planned as a join. The planner would run {@code WHERE id = ANY(?)} or a plain join
   * of a poll's thousands of keys as a scan of the whole table, which grows as the writer fills it.
   * Integer columns are bound as arrays of their type, which pgjdbc sends as they are; the others
   * as text, cast to the column's type. With {@code lock}, each row found is locked FOR KEY SHARE,
   * as the foreign key's trigger would lock it: it is neither deleted nor given another key until
   * this transaction ends.
   */
  private Set<String> present(String table, List<String> columns, List<ColumnType> types,
                              Collection<List<Object>> keys, boolean lock) {
    List<String> arrays = new ArrayList<>();
    List<String> match = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      ColumnType type = types.get(i);
      boolean integral = type == ColumnType.INTEGER || type == ColumnType.BIGINT;
      arrays.add(":k" + i + "::" + (integral ? Sql.baseType(type) : "text") + "[]");
      match.add("t." + Sql.name(columns.get(i)) + " = k.k" + i + (integral ? "" : "::" + Sql.baseType(type)));
    }
    String names = IntStream.range(0, columns.size()).mapToObj(i -> "k" + i).collect(Collectors.joining(", "));
    String sql = "SELECT " + names + " FROM unnest(" + String.join(", ", arrays) + ") AS k(" + names
        + ") CROSS JOIN LATERAL (SELECT 1 FROM " + Sql.name(table) + " t WHERE " + String.join(" AND ", match)
        + " LIMIT 1" + (lock ? " FOR KEY SHARE" : "") + ") AS held";
    Set<String> held = new HashSet<>();
    JdbcClient.StatementSpec probe = jdbc.sql(sql);
    for (int i = 0; i < columns.size(); i++) {
      probe = probe.param("k" + i, array(keys, i, types.get(i)));
    }
    probe.query((RowCallbackHandler) rs -> {
      List<String> key = new ArrayList<>(columns.size());
      for (int i = 1; i <= columns.size(); i++) {
        key.add(rs.getString(i));
      }
      held.add(RowKeys.text(key));
    });
    return held;
  }

  /** The values of column {@code i} of the keys: an int[] or long[] for integers, else their texts. */
  private static Object array(Collection<List<Object>> keys, int i, ColumnType type) {
    return switch (type) {
      case INTEGER -> keys.stream().mapToInt(key -> (Integer) key.get(i)).toArray();
      case BIGINT -> keys.stream().mapToLong(key -> (Long) key.get(i)).toArray();
      default -> keys.stream().map(key -> Values.text(key.get(i))).toArray(String[]::new);
    };
  }

  /** The row's values as COPY text, in the table's column order. */
  static void values(CopyText copy, Table table, GenericRecord row) {
    for (Column column : table.columns()) {
      Object value = row.get(column.name());
      if (value == null) {
        copy.nul();
        continue;
      }
      switch (column.type()) {
        case INTEGER, BIGINT -> copy.number((Number) value);
        case DECIMAL -> copy.text(((BigDecimal) value).toPlainString());
        case TIMESTAMP -> copy.timestamp((Instant) value);
        case BOOLEAN -> copy.text((Boolean) value ? "t" : "f");
        case TEXT, DATE, UUID -> copy.text(value.toString());
      }
    }
    copy.endRow();
  }
}
