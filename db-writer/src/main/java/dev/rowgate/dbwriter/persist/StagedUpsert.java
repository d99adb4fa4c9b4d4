package dev.rowgate.dbwriter.persist;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.rowgate.avro.Reason;
import dev.rowgate.schema.Column;
import dev.rowgate.schema.Table;
import dev.rowgate.service.copy.CopyIn;
import dev.rowgate.service.copy.CopyText;
import org.apache.avro.generic.GenericRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Upserts valid rows by key: copied into a temporary stage, then merged into the table in one
 * statement, which reports the rows naming a missing referenced row instead of writing them.
 * Should the database refuse to stage the rows, or to merge them, for a reason in the data (a time
 * it cannot hold, a constraint the dictionary does not know), each row is staged or merged on its
 * own, and a row the database still refuses is returned with the database's message.
 */
@Component
final class StagedUpsert {

  private static final Logger log = LoggerFactory.getLogger(StagedUpsert.class);

  private final JdbcClient jdbc;
  private final CopyIn copyIn;
  private final Savepoint savepoint;

  StagedUpsert(JdbcClient jdbc, CopyIn copyIn, Savepoint savepoint) {
    this.jdbc = jdbc;
    this.copyIn = copyIn;
    this.savepoint = savepoint;
  }

  /** Upserts the rows; returns those it did not write, each with its reasons. */
  List<Refusal> upsert(Table table, TableStatements sql, List<GenericRecord> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    jdbc.sql(sql.createStage()).update();
    List<Refusal> refused = new ArrayList<>();
    Optional<String> refusal = savepoint.refusal(() -> copyIn.copy(sql.copyStage(), staged(table, rows, 0)));
    List<GenericRecord> staged = rows;
    if (refusal.isPresent()) {
      log.warn("the database refused to stage {} rows of {} ({}); staging them one by one", rows.size(),
          table.name(), refusal.get());
      staged = stageOneByOne(table, sql, rows, refused);
    }
    merge(table, sql, staged, refused);
    return refused;
  }

  /** Stages each row with a copy of its own; returns those the database took, in their order, and refuses the others. */
  private List<GenericRecord> stageOneByOne(Table table, TableStatements sql, List<GenericRecord> rows,
                                            List<Refusal> refused) {
    List<GenericRecord> staged = new ArrayList<>();
    for (GenericRecord row : rows) {
      CopyText copy = staged(table, List.of(row), staged.size());
      savepoint.refusal(() -> copyIn.copy(sql.copyStage(), copy)).ifPresentOrElse(
          message -> refused.add(databaseRefusal(row, message)), () -> staged.add(row));
    }
    return staged;
  }

  /** The rows as COPY text for the stage, numbered from {@code firstSeq}. */
  private static CopyText staged(Table table, List<GenericRecord> rows, int firstSeq) {
    CopyText copy = new CopyText();
    for (int i = 0; i < rows.size(); i++) {
      copy.number(firstSeq + i);
      ValidRowWriter.values(copy, table, rows.get(i));
    }
    return copy;
  }

  /** Merges the staged rows, numbered from 0 in the order of {@code rows}, together or else one by one. */
  private void merge(Table table, TableStatements sql, List<GenericRecord> rows, List<Refusal> refused) {
    if (rows.isEmpty()) {
      return;
    }
    List<Refusal> together = new ArrayList<>();
    Optional<String> refusal = savepoint.refusal(() -> merge(sql, rows, 0, rows.size() - 1, together));
    if (refusal.isEmpty()) {
      refused.addAll(together);
      return;
    }
    log.warn("the database refused a batch of {} rows of {} ({}); writing them one by one", rows.size(),
        table.name(), refusal.get());
    for (int seq = 0; seq < rows.size(); seq++) {
      int only = seq;
      List<Refusal> one = new ArrayList<>();
      savepoint.refusal(() -> merge(sql, rows, only, only, one)).ifPresentOrElse(
          message -> refused.add(databaseRefusal(rows.get(only), message)), () -> refused.addAll(one));
    }
  }

  private void merge(TableStatements sql, List<GenericRecord> rows, int first, int last, List<Refusal> refused) {
    JdbcClient.StatementSpec merge = jdbc.sql(sql.merge()).param("first", first).param("last", last);
    if (sql.references().isEmpty()) {
      merge.update();
      return;
    }
    merge.query((RowCallbackHandler) rs -> {
      GenericRecord row = rows.get(rs.getInt(1));
      List<Reason> reasons = new ArrayList<>();
      for (int i = 0; i < sql.references().size(); i++) {
        if (rs.getBoolean(2 + i)) {
          Column column = sql.references().get(i);
          reasons.add(References.missing(column, row.get(column.name())));
        }
      }
      refused.add(new Refusal(row, reasons));
    });
  }

  private static Refusal databaseRefusal(GenericRecord row, String message) {
    return new Refusal(row, List.of(new Reason(null, "database", message)));
  }
}
