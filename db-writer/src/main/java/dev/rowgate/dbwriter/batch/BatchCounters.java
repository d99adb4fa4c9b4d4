package dev.rowgate.dbwriter.batch;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.rowgate.database.DatabaseSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Adds a write's counts to {@code ingest_batches} and tells waiting readers (LISTEN
 * rowgate_batches) which batches moved. Runs last in the writer's transaction, so the batch rows
 * stay locked only until its commit.
 */
@Component
public final class BatchCounters {

  /** The channel the ingest API listens on for batch progress. */

  private static final Logger log = LoggerFactory.getLogger(BatchCounters.class);

  private static final String ADD = """
      INSERT INTO ingest_batches AS b (id, table_name, channel, valid, rejected, persisted)
      SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[])
      ORDER BY 1
      ON CONFLICT (id) DO UPDATE SET valid = b.valid + EXCLUDED.valid,
                                     rejected = b.rejected + EXCLUDED.rejected,
                                     persisted = b.persisted + EXCLUDED.persisted,
                                     updated_at = now()
      RETURNING id, received, rejected, persisted
      """;

  private static final String NOTIFY = "SELECT pg_notify('" + DatabaseSchema.BATCH_CHANNEL + "', id) FROM unnest(?::text[]) id";

  private final JdbcTemplate jdbc;

  BatchCounters(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void add(Tally tally) {
    Map<String, Tally.Counts> batches = tally.batches();
    if (batches.isEmpty()) {
      return;
    }
    List<String> done = new ArrayList<>();
    jdbc.execute((Connection c) -> {
      try (PreparedStatement add = c.prepareStatement(ADD)) {
        add.setArray(1, c.createArrayOf("text", batches.keySet().toArray()));
        add.setArray(2, column(c, "text", batches, b -> b.table));
        add.setArray(3, column(c, "text", batches, b -> b.channel));
        add.setArray(4, column(c, "bigint", batches, b -> b.valid));
        add.setArray(5, column(c, "bigint", batches, Tally.Counts::rejected));
        add.setArray(6, column(c, "bigint", batches, Tally.Counts::persisted));
        try (ResultSet rs = add.executeQuery()) {
          while (rs.next()) {
            long received = rs.getLong("received");
            if (!rs.wasNull() && rs.getLong("rejected") + rs.getLong("persisted") == received) {
              done.add(rs.getString("id"));
            }
          }
        }
      }
      try (PreparedStatement notify = c.prepareStatement(NOTIFY)) {
        notify.setArray(1, c.createArrayOf("text", batches.keySet().toArray()));
        notify.execute();
      }
      return null;
    });
    for (String id : done) {
      MDC.put("batchId", id);
      log.info("batch {} is done: every received row is persisted or rejected", id);
      MDC.remove("batchId");
    }
  }

  private static Array column(Connection c, String type, Map<String, Tally.Counts> batches,
                              Function<Tally.Counts, Object> value) throws SQLException {
    return c.createArrayOf(type, batches.values().stream().map(value).toArray());
  }
}
