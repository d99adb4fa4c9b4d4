package dev.rowgate.ingest.batch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import dev.rowgate.schema.Table;
import dev.rowgate.service.problem.ApiException;
import dev.rowgate.service.definitions.AppliedDefinitions;
import dev.rowgate.service.sql.Sql;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Reads a batch's counts from {@code ingest_batches} and a page of its rows from its errors table. */
@Component
final class BatchStatusQuery {

  private static final String COUNTS = """
      SELECT id, table_name, channel, file_name, received, valid, rejected, persisted, failure, created_at, updated_at,
             received IS NULL AND failure IS NULL AND receiving_until < now() AS abandoned,
             (SELECT count(*) FROM reference_waits w WHERE w.batch_id = b.id) AS waiting
      FROM ingest_batches b""";

  private static final String BATCH = COUNTS + " WHERE id = :id";

  private static final String RECENT = COUNTS + """
       WHERE (CAST(:table AS text) IS NULL OR table_name = :table)
        AND (CAST(:channel AS text) IS NULL OR channel = :channel)
      ORDER BY created_at DESC, id LIMIT :limit""";

  private static final String REJECTED = """
      SELECT row_index, line, raw::text AS raw, reasons::text AS reasons, stage, received_at,
             source_topic, source_partition, source_offset
      FROM %s WHERE batch_id = :id
      ORDER BY row_index, line, id
      LIMIT :size OFFSET :offset""";

  private static final String ABANDONED = "abandoned: the upload stopped without an answer, its ingest-api instance "
      + "gone or cut off from the database; the rows it published before go on, and the counts follow them";

  private static final JsonMapper JSON = JsonMapper.shared();

  private final JdbcClient jdbc;
  private final AppliedDefinitions definitions;

  BatchStatusQuery(JdbcClient jdbc, AppliedDefinitions definitions) {
    this.jdbc = jdbc;
    this.definitions = definitions;
  }

  /** The batch's state and counts, without its rejected rows. */
  Optional<BatchStatus> find(String id) {
    return jdbc.sql(BATCH).param("id", id).query(BatchStatusQuery::counts).optional();
  }

  /** The batch's state and counts, or a 404 problem. */
  BatchStatus require(String id) {
    return find(id).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "unknown-batch", "Unknown batch",
        "There is no batch '" + id + "'"));
  }

  /** The batches begun last, newest first, of a table and a channel when given (null for any). */
  List<BatchStatus> recent(String table, String channel, int limit) {
    return jdbc.sql(RECENT).param("table", table).param("channel", channel).param("limit", limit)
        .query(BatchStatusQuery::counts).list();
  }

  /** The batch with a page of its rejected rows; a page of size 0 gives only their total. */
  BatchStatus withRejectedRows(BatchStatus batch, int page, int size) {
    return batch.withRejectedRows(definitions.current().table(batch.table())
        .map(table -> new BatchStatus.RejectedPage(page, size, batch.rejected(),
            batch.rejected() == 0 || size == 0 ? List.of() : rejectedRows(table, batch.batchId(), page, size)))
        .orElse(null));
  }

  private static BatchStatus counts(ResultSet rs, int rowNum) throws SQLException {
    Long received = (Long) rs.getObject("received");
    long rejected = rs.getLong("rejected");
    long persisted = rs.getLong("persisted");
    String failure = rs.getBoolean("abandoned") ? ABANDONED : rs.getString("failure");
    return new BatchStatus(rs.getString("id"), rs.getString("table_name"), rs.getString("channel"),
        rs.getString("file_name"), BatchStatus.state(received, rejected, persisted, failure), received,
        rs.getLong("valid"), rejected, persisted, rs.getLong("waiting"), failure,
        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), null);
  }

  private List<BatchStatus.RejectedRow> rejectedRows(Table table, String id, int page, int size) {
    return jdbc.sql(REJECTED.formatted(Sql.name(table.errorsTable()))).param("id", id).param("size", size)
        .param("offset", (long) page * size)
        .query((rs, i) -> new BatchStatus.RejectedRow((Integer) rs.getObject("row_index"),
            (Long) rs.getObject("line"), JSON.readTree(rs.getString("raw")), JSON.readTree(rs.getString("reasons")),
            rs.getString("stage"), rs.getTimestamp("received_at").toInstant(), rs.getString("source_topic"),
            rs.getInt("source_partition"), rs.getLong("source_offset")))
        .list();
  }
}
