package dev.rowgate.dbwriter.persist;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.rowgate.avro.Origin;
import dev.rowgate.avro.RawField;
import dev.rowgate.avro.Reason;
import dev.rowgate.avro.RejectedRow;
import dev.rowgate.avro.SourceOffset;
import dev.rowgate.dbwriter.batch.Tally;
import dev.rowgate.dbwriter.errors.Reject;
import dev.rowgate.schema.Column;
import dev.rowgate.schema.DataDictionary;
import dev.rowgate.schema.Table;
import dev.rowgate.service.copy.CopyIn;
import dev.rowgate.service.copy.CopyText;
import org.apache.avro.Schema;
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
 * Writes the valid rows of one table in one set-based statement, and returns those it refuses
 * because a row they reference is missing. Should the database refuse the statement for a data
 * reason (a constraint the dictionary does not know), each row is written on its own, and a row
 * the database still refuses is returned with the database's message.
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

  /** Writes the rows; returns the refused ones, each with its reasons. */
  List<Reject> write(Table table, List<GenericRecord> rows, Tally tally) {
    if (rows.isEmpty()) {
      return List.of();
    }
    TableStatements sql = statements.get(table.name());
    jdbc.execute(sql.createStage());
    CopyText copy = new CopyText();
    for (int seq = 0; seq < rows.size(); seq++) {
      Origin origin = stage(copy, table, seq, rows.get(seq));
      tally.valid(table.name(), origin.getBatchId(), origin.getChannel().name(), 1);
    }
    copyIn.copy(sql.copyStage(), copy);
    List<Reject> refused = new ArrayList<>();
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

  private void writeOne(TableStatements sql, List<GenericRecord> rows, int seq, List<Reject> refused) {
    List<Reject> one = new ArrayList<>();
    try {
      savepoint.executeWithoutResult(s -> merge(sql, rows, seq, seq, one));
      refused.addAll(one);
    } catch (DataAccessException e) {
      if (!isDataError(e)) {
        throw e;
      }
      refused.add(refuse(rows.get(seq), List.of(new Reason(null, "database", e.getMostSpecificCause().getMessage()))));
    }
  }

  private void merge(TableStatements sql, List<GenericRecord> rows, int first, int last, List<Reject> refused) {
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
          reasons.add(new Reason(column.name(), "reference", column.name() + " " + row.get(column.name())
              + " names no row of " + column.references()));
        }
      }
      refused.add(refuse(row, reasons));
    }, first, last, first, last);
  }

  /** A valid row the writer refuses, with its values as they were and where it came from. */
  private static Reject refuse(GenericRecord row, List<Reason> reasons) {
    List<RawField> fields = new ArrayList<>();
    for (Schema.Field field : row.getSchema().getFields()) {
      Object value = row.get(field.pos());
      if (value instanceof Integer number) {
        fields.add(new RawField(field.name(), number.longValue()));
      } else if (value instanceof String || value instanceof Instant) {
        fields.add(new RawField(field.name(), value.toString()));
      }
    }
    return new Reject(new RejectedRow((Origin) row.get("origin"), (SourceOffset) row.get("source"), fields, null,
        reasons), Reject.Cause.REFUSED_BY_WRITER);
  }

  private static Origin stage(CopyText copy, Table table, int seq, GenericRecord row) {
    copy.number(seq);
    for (Column column : table.columns()) {
      Object value = row.get(column.name());
      switch (column.type()) {
        case INTEGER -> copy.number((Number) value);
        case TEXT -> copy.text(value.toString());
        case TIMESTAMP -> copy.timestamp((Instant) value);
      }
    }
    copy.endRow();
    return (Origin) row.get("origin");
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
