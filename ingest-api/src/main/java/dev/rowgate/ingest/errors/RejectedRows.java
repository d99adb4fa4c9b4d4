package dev.rowgate.ingest.errors;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.rowgate.schema.Table;
import dev.rowgate.service.sql.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads rejections from a table's errors table, newest first, each with its lineage: the redrive
 * that sent it again ({@code redrive_rows}) and the rejection of that row if it was rejected again,
 * or the rejection it was itself sent again for.
 */
@Component
final class RejectedRows {

  private static final String SELECT = """
      SELECT e.id, e.batch_id, e.row_index, e.line, e.channel, e.file_name, e.received_at, e.raw::text AS raw,
             e.payload IS NOT NULL AS bytes_only, e.reasons::text AS reasons, e.stage, e.source_topic,
             e.source_partition, e.source_offset, e.rejected_at, e.state, e.state_by, e.state_at, e.state_reason,
             r.batch_id AS redrive_batch, r.row_index AS redrive_index, r.row_values::text AS redrive_values,
             r.corrected, r.published_at, r.taken_at, again.id AS again_id, again.rejected_at AS again_at,
             origin.error_id AS redrive_of
      FROM %1$s e
      LEFT JOIN redrive_rows r ON r.table_name = :table AND r.error_id = e.id
      LEFT JOIN LATERAL (SELECT a.id, a.rejected_at FROM %1$s a WHERE a.batch_id = r.batch_id
                         AND a.row_index = r.row_index ORDER BY a.id LIMIT 1) again ON true
      LEFT JOIN redrive_rows origin ON origin.table_name = :table AND origin.batch_id = e.batch_id
                                   AND origin.row_index = e.row_index
      WHERE %2$s
      ORDER BY e.id DESC LIMIT :limit""";

  private static final JsonMapper JSON = JsonMapper.shared();

  private final JdbcClient jdbc;

  RejectedRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Up to {@code limit} rejections that the filter takes, newest first, from those older than the
   * one with id {@code after} (the cursor: rejections arriving meanwhile are newer and never move a page).
   */
  List<RejectedRow> page(Table table, ErrorFilter filter, Long after, int limit) {
    ErrorFilter.Where where = filter.where(table.name());
    Map<String, Object> parameters = new HashMap<>(where.parameters());
    String conditions = where.sql();
    if (after != null) {
      conditions += " AND e.id < :after";
      parameters.put("after", after);
    }
    parameters.put("limit", limit);
    return query(table, conditions, parameters);
  }

  /** One rejection with its history. */
  Optional<RejectedRow> find(Table table, long id) {
    return query(table, "e.id = :id", Map.of("table", table.name(), "id", id, "limit", 1)).stream().findFirst()
        .map(row -> row.withHistory(history(row)));
  }

  private List<RejectedRow> query(Table table, String conditions, Map<String, Object> parameters) {
    return jdbc.sql(SELECT.formatted(Sql.name(table.errorsTable()), conditions)).params(parameters)
        .query((rs, i) -> row(table, rs)).list();
  }

  private static RejectedRow row(Table table, ResultSet rs) throws SQLException {
    String redriveBatch = rs.getString("redrive_batch");
    RejectedRow.Redrive redrive = null;
    if (redriveBatch != null) {
      Long againId = (Long) rs.getObject("again_id");
      Instant published = instant(rs, "published_at");
      Instant taken = instant(rs, "taken_at");
      String outcome = againId != null ? "rejected" : taken != null ? "taken" : published != null ? "published"
          : "recorded";
      redrive = new RejectedRow.Redrive(redriveBatch, rs.getInt("redrive_index"), "/api/v1/batches/" + redriveBatch,
          outcome, JSON.readTree(rs.getString("redrive_values")), rs.getBoolean("corrected"), published, taken,
          againId, instant(rs, "again_at"));
    }
    return new RejectedRow(rs.getLong("id"), table.name(), rs.getString("batch_id"), (Integer) rs.getObject("row_index"),
        (Long) rs.getObject("line"), rs.getString("channel"), rs.getString("file_name"), instant(rs, "received_at"),
        JSON.readTree(rs.getString("raw")), rs.getBoolean("bytes_only"), JSON.readTree(rs.getString("reasons")),
        rs.getString("stage"), new RejectedRow.Source(rs.getString("source_topic"), rs.getInt("source_partition"),
            rs.getLong("source_offset")), instant(rs, "rejected_at"), rs.getString("state"), rs.getString("state_by"),
        instant(rs, "state_at"), rs.getString("state_reason"), redrive, (Long) rs.getObject("redrive_of"), null);
  }

  private static List<RejectedRow.Event> history(RejectedRow row) {
    List<RejectedRow.Event> events = new ArrayList<>();
    events.add(new RejectedRow.Event(row.rejectedAt(), "rejected", null, "by the " + row.stage() + ", in batch "
        + row.batchId() + (row.redriveOf() == null ? "" : ", as the redrive of rejection " + row.redriveOf())));
    RejectedRow.Redrive redrive = row.redrive();
    if (redrive != null) {
      events.add(new RejectedRow.Event(row.stateAt(), "redriven", row.stateBy(), "as row " + redrive.index()
          + " of batch " + redrive.batchId() + (redrive.corrected() ? ", with corrected values" : ", as it was")));
      if (redrive.publishedAt() != null) {
        events.add(new RejectedRow.Event(redrive.publishedAt(), "published", null, "to the raw topic"));
      }
      if (redrive.takenAt() != null) {
        events.add(new RejectedRow.Event(redrive.takenAt(), "taken", null, "by the writer"));
      }
      if (redrive.rejectedAgainAs() != null) {
        events.add(new RejectedRow.Event(redrive.rejectedAgainAt(), "rejected again", null, "as rejection "
            + redrive.rejectedAgainAs()));
      }
    } else if ("discarded".equals(row.state())) {
      events.add(new RejectedRow.Event(row.stateAt(), "discarded", row.stateBy(), row.stateReason()));
    }
    events.sort(Comparator.comparing(RejectedRow.Event::at, Comparator.nullsLast(Comparator.naturalOrder())));
    return events;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp time = rs.getTimestamp(column);
    return time == null ? null : time.toInstant();
  }
}
