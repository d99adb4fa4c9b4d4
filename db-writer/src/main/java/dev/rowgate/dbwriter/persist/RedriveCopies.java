package dev.rowgate.dbwriter.persist;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import dev.rowgate.avro.Origin;
import dev.rowgate.schema.ValidRowSchema;
import dev.rowgate.service.redrive.RedriveBatches;
import org.apache.avro.generic.GenericRecord;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Takes each row of a redrive batch once. The ingest API publishes a redriven row after it recorded
 * it, and publishes it again if it could not record that it did (its instance died in between): the
 * raw topic may then hold two copies, which the validator routes as two records. In the poll's
 * transaction, each row of {@code redrive_rows} is marked taken, and a copy of a row taken before
 * (in this poll or an earlier one) is dropped before anything of it is counted or written. A
 * producer's batch that only has such a name is not in {@code redrive_rows} and goes on as any other.
 */
@Component
final class RedriveCopies {

  private static final String LOCK = """
      SELECT r.batch_id, r.row_index, r.taken_at IS NOT NULL AS taken FROM redrive_rows r
      JOIN unnest(:batches::text[], :indexes::integer[]) AS s(batch_id, row_index) USING (batch_id, row_index)
      ORDER BY r.batch_id, r.row_index FOR UPDATE OF r""";

  private static final String TAKE = """
      UPDATE redrive_rows r SET taken_at = now() FROM unnest(:batches::text[], :indexes::integer[]) AS s(batch_id, row_index)
      WHERE r.batch_id = s.batch_id AND r.row_index = s.row_index""";

  private final JdbcClient jdbc;

  RedriveCopies(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Removes from the poll's rows every copy of a redriven row taken before, and marks the others taken. */
  void dropFrom(Poll.Rows rows) {
    Set<RowOfBatch> sent = new HashSet<>();
    rows.valid.values().forEach(valid -> valid.forEach(row -> of(origin(row)).ifRedriven(sent::add)));
    rows.rejected.values().forEach(rejects -> rejects.forEach(r -> of(r.row().getOrigin()).ifRedriven(sent::add)));
    if (sent.isEmpty()) {
      return;
    }
    Map<RowOfBatch, Boolean> recorded = lock(sent);
    Set<RowOfBatch> taken = new HashSet<>();
    rows.valid.values().forEach(valid -> valid.removeIf(row -> isCopy(of(origin(row)), recorded, taken)));
    rows.rejected.values().forEach(rejects -> rejects.removeIf(r -> isCopy(of(r.row().getOrigin()), recorded, taken)));
    if (!taken.isEmpty()) {
      rows(jdbc.sql(TAKE), taken).update();
    }
  }

  /** A row of redrive_rows that was taken before, or is taken already by an earlier record of this poll. */
  private static boolean isCopy(RowOfBatch row, Map<RowOfBatch, Boolean> recorded, Set<RowOfBatch> taken) {
    Boolean takenBefore = recorded.get(row);
    if (takenBefore == null) {
      return false;
    }
    return takenBefore || !taken.add(row);
  }

  /** Whether each of these rows that redrive_rows holds was taken before; locked until the poll commits. */
  private Map<RowOfBatch, Boolean> lock(Set<RowOfBatch> rows) {
    Map<RowOfBatch, Boolean> recorded = new HashMap<>();
    rows(jdbc.sql(LOCK), rows).query((RowCallbackHandler) rs -> {
      recorded.put(new RowOfBatch(rs.getString(1), rs.getInt(2)), rs.getBoolean(3));
    });
    return recorded;
  }

  /** Binds the rows as two arrays, {@code batches} and {@code indexes}. */
  private static JdbcClient.StatementSpec rows(JdbcClient.StatementSpec statement, Set<RowOfBatch> rows) {
    List<RowOfBatch> ordered = List.copyOf(rows);
    return statement.param("batches", ordered.stream().map(RowOfBatch::batchId).toArray(String[]::new))
        .param("indexes", ordered.stream().map(RowOfBatch::index).toArray(Integer[]::new));
  }

  private static Origin origin(GenericRecord row) {
    return (Origin) row.get(ValidRowSchema.ORIGIN);
  }

  private static RowOfBatch of(Origin origin) {
    return new RowOfBatch(origin.getBatchId(), origin.getIndex() == null ? -1 : origin.getIndex());
  }

  /** A row's place: its batch and index. */
  private record RowOfBatch(String batchId, int index) {

    void ifRedriven(Consumer<RowOfBatch> action) {
      if (RedriveBatches.isRedrive(batchId) && index >= 0) {
        action.accept(this);
      }
    }
  }
}
