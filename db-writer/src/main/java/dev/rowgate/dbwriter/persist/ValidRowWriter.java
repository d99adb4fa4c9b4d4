package dev.rowgate.dbwriter.persist;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.rowgate.avro.Origin;
import dev.rowgate.avro.SourceOffset;
import dev.rowgate.dbwriter.batch.Tally;
import dev.rowgate.service.copy.CopyIn;
import dev.rowgate.service.copy.CopyText;
import dev.rowgate.schema.Column;
import dev.rowgate.schema.DataDictionary;
import dev.rowgate.schema.Table;
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
 * Writes the valid rows of one table in one set-based statement. Should the database refuse that
 * statement for a data reason (a constraint the dictionary does not know), each row is written on
 * its own, and a row the database still refuses is kept in {@code <table>_errors} with its message.
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

  void write(Table table, List<GenericRecord> rows, Tally tally) {
    if (rows.isEmpty()) {
      return;
    }
    TableStatements sql = statements.get(table.name());
    jdbc.execute(sql.createStage());
    CopyText copy = new CopyText();
    for (int seq = 0; seq < rows.size(); seq++) {
      Origin origin = stage(copy, table, seq, rows.get(seq));
      tally.valid(table.name(), origin.getBatchId(), origin.getChannel().name(), 1);
    }
    copyIn.copy(sql.copyStage(), copy);
    try {
      refused(table, savepoint.execute(s -> merge(sql, 0, rows.size() - 1)), tally);
    } catch (DataAccessException e) {
      if (!isDataError(e)) {
        throw e;
      }
      log.warn("the database refused a batch of {} rows of {} ({}); writing them one by one", rows.size(),
          table.name(), e.getMostSpecificCause().getMessage());
      for (int seq = 0; seq < rows.size(); seq++) {
        refused(table, writeOne(sql, seq), tally);
      }
    }
  }

  private List<Refused> writeOne(TableStatements sql, int seq) {
    try {
      return savepoint.execute(s -> merge(sql, seq, seq));
    } catch (DataAccessException e) {
      if (!isDataError(e)) {
        throw e;
      }
      String message = e.getMostSpecificCause().getMessage();
      return jdbc.query(sql.refuseOne(), (rs, i) -> new Refused(rs.getString(1), rs.getString(2), 1), message, seq);
    }
  }

  private List<Refused> merge(TableStatements sql, int firstSeq, int lastSeq) {
    return jdbc.query(sql.merge(), (rs, i) -> new Refused(rs.getString(1), rs.getString(2), rs.getLong(3)),
        firstSeq, lastSeq);
  }

  private static void refused(Table table, List<Refused> refused, Tally tally) {
    refused.forEach(r -> tally.refusedByWriter(table.name(), r.batchId(), r.channel(), r.rows()));
  }

  private static Origin stage(CopyText copy, Table table, int seq, GenericRecord row) {
    Origin origin = (Origin) row.get("origin");
    SourceOffset source = (SourceOffset) row.get("source");
    copy.number(seq).text(origin.getBatchId()).number(origin.getIndex()).number(origin.getLine())
        .text(origin.getChannel().name()).text(origin.getFileName()).timestamp(origin.getReceivedAt())
        .text(source.getTopic()).number(source.getPartition()).number(source.getOffset());
    for (Column column : table.columns()) {
      Object value = row.get(column.name());
      switch (column.type()) {
        case INTEGER -> copy.number((Number) value);
        case TEXT -> copy.text(value.toString());
        case TIMESTAMP -> copy.timestamp((Instant) value);
      }
    }
    copy.endRow();
    return origin;
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

  private record Refused(String batchId, String channel, long rows) {
  }
}
