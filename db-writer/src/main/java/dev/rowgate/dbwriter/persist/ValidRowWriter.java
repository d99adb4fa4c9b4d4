package dev.rowgate.dbwriter.persist;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.rowgate.schema.Column;
import dev.rowgate.schema.DataDictionary;
import dev.rowgate.schema.Table;
import dev.rowgate.service.copy.CopyIn;
import dev.rowgate.service.copy.CopyText;
import org.apache.avro.generic.GenericRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the valid rows of one table in a poll, and returns those it did not write. Rows naming a
 * missing referenced row are not written; rows with new ids are copied straight into the table (COPY,
 * the fastest way in); rows replacing others are upserted ({@link StagedUpsert}). Should the
 * database refuse the copy (a row that arrived meanwhile, a referenced row deleted meanwhile, a
 * value it cannot hold), those rows take the upsert path, which finds the rows it refuses.
 */
@Component
final class ValidRowWriter {

  private static final Logger log = LoggerFactory.getLogger(ValidRowWriter.class);

  private final JdbcTemplate jdbc;
  private final CopyIn copyIn;
  private final Savepoint savepoint;
  private final StagedUpsert upsert;
  private final Map<String, TableStatements> statements = DataDictionary.TABLES.stream()
      .collect(Collectors.toMap(Table::name, TableStatements::new));

  ValidRowWriter(JdbcTemplate jdbc, CopyIn copyIn, Savepoint savepoint, StagedUpsert upsert) {
    this.jdbc = jdbc;
    this.copyIn = copyIn;
    this.savepoint = savepoint;
    this.upsert = upsert;
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
    refused.addAll(upsert.upsert(table, sql, upserts));
    return refused;
  }

  /** Copies rows with new ids into the table; false when the database refused them, which changes nothing. */
  private boolean copyFresh(Table table, TableStatements sql, List<GenericRecord> rows) {
    CopyText copy = new CopyText();
    rows.forEach(row -> values(copy, table, row));
    Optional<String> refusal = savepoint.refusal(() -> copyIn.copy(sql.copyTable(), copy));
    refusal.ifPresent(message -> log.debug("copying {} rows into {} failed ({}); upserting them", rows.size(),
        table.name(), message));
    return refusal.isEmpty();
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
  static void values(CopyText copy, Table table, GenericRecord row) {
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
}
