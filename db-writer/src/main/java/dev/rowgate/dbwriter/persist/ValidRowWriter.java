package dev.rowgate.dbwriter.persist;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.rowgate.avro.Reason;
import dev.rowgate.schema.Column;
import dev.rowgate.schema.DataDictionary;
import dev.rowgate.schema.Table;
import dev.rowgate.service.copy.CopyIn;
import dev.rowgate.service.copy.CopyText;
import org.apache.avro.generic.GenericRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the valid rows of one table in a poll, and returns those it did not write. Rows naming a
 * missing referenced row are not written; rows with new ids are copied straight into the table (COPY,
 * the fastest way in); rows replacing others are staged and upserted in one statement. Should the
 * database refuse the copy (a row that arrived meanwhile, a referenced row deleted meanwhile),
 * those rows take the upsert path; should it refuse the upsert for a data reason (a constraint
 * the dictionary does not know), each row is written on its own, and a row the database still
 * refuses is returned with the database's message.
 */
@Component
final class ValidRowWriter {

  private static final Logger log = LoggerFactory.getLogger(ValidRowWriter.class);

  private final JdbcTemplate jdbc;
  private final CopyIn copyIn;
  private final TransactionTemplate savepoint;
  private final Map<String, TableStatements> statements = DataDictionary.TABLES.stream()
      .collect(Collectors.toMap(Table::name, TableStatements::new));

  ValidRowWriter(JdbcTemplate jdbc, CopyIn copyIn, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.copyIn = copyIn;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** Writes the rows; returns those it did not write, each with its reasons. */
  List<Refusal> write(Table table, List<GenericRecord> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    TableStatements sql = statements.get(table.name());
    RowSplit split = RowSplit.of(table, rows, this::present);
    List<Refusal> refused = new ArrayList<>(split.refused());
    List<GenericRecord> upserts = new ArrayList<>(split.existing());
    if (!split.fresh().isEmpty() && !copyFresh(table, sql, split.fresh())) {
      upserts.addAll(split.fresh());
    }
    refused.addAll(upsert(table, sql, upserts));
    return refused;
  }

  /** Copies rows with new ids into the table; false when the database refused them, which changes nothing. */
  private boolean copyFresh(Table table, TableStatements sql, List<GenericRecord> rows) {
    CopyText copy = new CopyText();
    rows.forEach(row -> values(copy, table, row));
    try {
      savepoint.executeWithoutResult(s -> copyIn.copy(sql.copyTable(), copy));
      return true;
    } catch (DataAccessException e) {
      if (!isDataError(e)) {
        throw e;
      }
      log.debug("copying {} rows into {} failed ({}); upserting them", rows.size(), table.name(),
          e.getMostSpecificCause().getMessage());
      return false;
    }
  }

  private List<Refusal> upsert(Table table, TableStatements sql, List<GenericRecord> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    jdbc.execute(sql.createStage());
    CopyText copy = new CopyText();
    for (int seq = 0; seq < rows.size(); seq++) {
      copy.number(seq);
      values(copy, table, rows.get(seq));
    }
    copyIn.copy(sql.copyStage(), copy);
    List<Refusal> refused = new ArrayList<>();
    try {
      savepoint.executeWithoutResult(s -> merge(sql, rows, 0, rows.size() - 1, refused));
    } catch (DataAccessException e) {
      if (!isDataError(e)) {
        throw e;
      }
      log.warn("the database refused a batch of {} rows of {} ({}); writing them one by one", rows.size(),
          table.name(), e.getMostSpecificCause().getMessage());
      refused.clear();
      for (int seq = 0; seq < rows.size(); seq++) {
        writeOne(sql, rows, seq, refused);
      }
    }
    return refused;
  }

  private void writeOne(TableStatements sql, List<GenericRecord> rows, int seq, List<Refusal> refused) {
    List<Refusal> one = new ArrayList<>();
    try {
      savepoint.executeWithoutResult(s -> merge(sql, rows, seq, seq, one));
      refused.addAll(one);
    } catch (DataAccessException e) {
      if (!isDataError(e)) {
        throw e;
      }
      refused.add(new Refusal(rows.get(seq),
          List.of(new Reason(null, "database", e.getMostSpecificCause().getMessage()))));
    }
  }

  private void merge(TableStatements sql, List<GenericRecord> rows, int first, int last, List<Refusal> refused) {
    if (sql.references().isEmpty()) {
      jdbc.update(sql.merge(), first, last);
      return;
    }
    jdbc.query(sql.merge(), rs -> {
      GenericRecord row = rows.get(rs.getInt(1));
      List<Reason> reasons = new ArrayList<>();
      for (int i = 0; i < sql.references().size(); i++) {
        if (rs.getBoolean(2 + i)) {
          Column column = sql.references().get(i);
          reasons.add(new Reason(column.name(), Refusal.REFERENCE, column.name() + " " + row.get(column.name())
              + " names no row of " + column.references()));
        }
      }
      refused.add(new Refusal(row, reasons));
    }, first, last, first, last);
  }

  /**
   * Which of these ids the table holds; the table is one of the data dictionary's. One primary-key
   * probe per id, whatever the table's statistics say: a lateral subquery with a limit cannot be
   * planned as a join. The planner would run {@code WHERE id = ANY(?)} or a plain join of a poll's
   * thousands of ids as a scan of the whole table, which grows as the writer fills it.
   */
  private Set<Integer> present(String table, int[] ids) {
    return new HashSet<>(jdbc.queryForList("SELECT k.id FROM unnest(?::integer[]) AS k(id) CROSS JOIN LATERAL "
        + "(SELECT 1 FROM " + table + " t WHERE t.id = k.id LIMIT 1) AS held", Integer.class, (Object) ids));
  }

  /** The row's values as COPY text, in the table's column order. */
  private static void values(CopyText copy, Table table, GenericRecord row) {
    for (Column column : table.columns()) {
      Object value = row.get(column.name());
      switch (column.type()) {
        case INTEGER -> copy.number((Number) value);
        case TEXT -> copy.text(value.toString());
        case TIMESTAMP -> copy.timestamp((Instant) value);
      }
    }
    copy.endRow();
  }

  /** A data exception (SQLSTATE class 22) or an integrity constraint violation (class 23). */
  static boolean isDataError(DataAccessException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23");
      }
    }
    return false;
  }
}
