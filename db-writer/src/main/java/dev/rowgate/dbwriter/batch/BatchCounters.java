package dev.rowgate.dbwriter.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

import dev.rowgate.database.DatabaseSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
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
      SELECT * FROM unnest(:ids::text[], :tables::text[], :channels::text[], :valid::bigint[], :rejected::bigint[],
                          :persisted::bigint[])
      ORDER BY 1
      ON CONFLICT (id) DO UPDATE SET valid = b.valid + EXCLUDED.valid,
                                     rejected = b.rejected + EXCLUDED.rejected,
                                     persisted = b.persisted + EXCLUDED.persisted,
                                     updated_at = now()
      RETURNING id, received, rejected, persisted
      """;

  private static final String NOTIFY = "SELECT pg_notify('" + DatabaseSchema.BATCH_CHANNEL + "', id) FROM unnest(:ids::text[]) id";

  private final JdbcClient jdbc;

  BatchCounters(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void add(Tally tally) {
    Map<String, Tally.Counts> batches = tally.batches();
    if (batches.isEmpty()) {
      return;
    }
    String[] ids = batches.keySet().toArray(String[]::new);
    List<String> done = new ArrayList<>();
    jdbc.sql(ADD).param("ids", ids)
        .param("tables", column(batches, b -> b.table, String[]::new))
        .param("channels", column(batches, b -> b.channel, String[]::new))
        .param("valid", column(batches, b -> b.valid, Long[]::new))
        .param("rejected", column(batches, Tally.Counts::rejected, Long[]::new))
        .param("persisted", column(batches, Tally.Counts::persisted, Long[]::new))
        .query((RowCallbackHandler) rs -> {
          long received = rs.getLong("received");
          if (!rs.wasNull() && rs.getLong("rejected") + rs.getLong("persisted") == received) {
            done.add(rs.getString("id"));
          }
        });
    jdbc.sql(NOTIFY).param("ids", ids).query().listOfRows();
    for (String id : done) {
      MDC.put("batchId", id);
      log.info("batch {} is done: every received row is persisted or rejected", id);
      MDC.remove("batchId");
    }
  }

  private static <T> T[] column(Map<String, Tally.Counts> batches, Function<Tally.Counts, T> value,
                                IntFunction<T[]> array) {
    return batches.values().stream().map(value).toArray(array);
  }
}
