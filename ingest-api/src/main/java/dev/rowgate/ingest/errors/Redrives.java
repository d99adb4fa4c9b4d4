package dev.rowgate.ingest.errors;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rowgate.schema.Table;
import dev.rowgate.service.problem.ApiException;
import dev.rowgate.service.redrive.RedriveBatches;
import dev.rowgate.service.sql.Sql;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends rejected rows again, each at most once: a redrive is a batch of its own, recorded with its
 * rows ({@code redrive_rows}) and the rejections' new state in one transaction, and published after
 * it ({@link RedrivePublisher}). Rejections another redrive or discard holds are left to it; a
 * rejection kept only as bytes is sent again only with values.
 */
@Component
final class Redrives {

  private static final String LOCK_ONE = """
      SELECT raw::text AS raw, payload IS NOT NULL AS bytes_only, state, state_by, state_at
      FROM %s WHERE id = :id FOR UPDATE""";


  private static final String RECORD_ONE = """
      INSERT INTO redrive_rows (batch_id, row_index, table_name, error_id, row_values, corrected)
      VALUES (:batch, 0, :table, :id, CAST(:values AS jsonb), :corrected)""";

  private static final String MARK_ONE = "UPDATE %s SET state = 'redriven', state_by = :user, state_at = now() WHERE id = :id";

  private static final String COUNT = """
      SELECT count(*) FILTER (WHERE e.payload IS NULL) AS rows, count(*) FILTER (WHERE e.payload IS NOT NULL) AS bytes
      FROM %1$s e WHERE e.state = 'open' AND %2$s""";

  /** The open rejections the filter takes and no one else holds, sent as rows 0, 1, ... of the batch in id order. */
  private static final String REDRIVE_MATCHING = """
      WITH chosen AS (
          SELECT e.id, e.raw FROM %1$s e WHERE e.state = 'open' AND e.payload IS NULL AND %2$s
          ORDER BY e.id FOR UPDATE SKIP LOCKED),
      sent AS (
          INSERT INTO redrive_rows (batch_id, row_index, table_name, error_id, row_values, corrected)
          SELECT :redrive, (row_number() OVER (ORDER BY id) - 1)::integer, :table, id, raw, false FROM chosen
          RETURNING error_id)
      UPDATE %1$s e SET state = 'redriven', state_by = :user, state_at = now() FROM sent WHERE e.id = sent.error_id""";

  private static final String BATCH = """
      INSERT INTO ingest_batches (id, table_name, channel, received) VALUES (:batch, :table, :channel, :received)""";

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final RedrivePublisher publisher;
  private final MeterRegistry meters;

  Redrives(JdbcClient jdbc, PlatformTransactionManager transactions, RedrivePublisher publisher, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.publisher = publisher;
    this.meters = meters;
  }

  /** What a redrive did, or would do. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Outcome(String batchId, long rows, long needValues, String status) {
  }

  /**
   * Sends one rejection again, as it was or with {@code values} set over its raw values (a field
   * given as null is sent as null).
   */
  Outcome one(Table table, long id, ObjectNode values, String user) {
    String batch = RedriveBatches.newId();
    transaction.executeWithoutResult(status -> {
      Map<String, Object> row = ErrorStates.requireOpen(table, id, jdbc.sql(LOCK_ONE.formatted(
          Sql.name(table.errorsTable()))).param("id", id).query().listOfRows());
      if ((Boolean) row.get("bytes_only") && values == null) {
        throw ApiException.badRequest("values-needed", "Values needed", "Rejection " + id + " is a record that could "
            + "not be read, kept as its bytes: send it again with its values, {\"values\": {...}}");
      }
      ObjectNode sent = (Boolean) row.get("bytes_only") ? ErrorStates.JSON.createObjectNode()
          : (ObjectNode) ErrorStates.JSON.readTree((String) row.get("raw"));
      if (values != null) {
        sent.setAll(values);
      }
      jdbc.sql(RECORD_ONE).param("batch", batch).param("table", table.name()).param("id", id)
          .param("values", sent.toString()).param("corrected", values != null).update();
      jdbc.sql(MARK_ONE.formatted(Sql.name(table.errorsTable()))).param("user", user).param("id", id).update();
      recordBatch(table, batch, 1);
    });
    return sent(table, batch, 1, 0);
  }

  /** Counts the open rejections the filter takes: those that would be sent, and those that need values. */
  Outcome dryRun(Table table, ErrorFilter.Where where) {
    Map<String, Object> counts = jdbc.sql(COUNT.formatted(Sql.name(table.errorsTable()), where.sql()))
        .params(where.parameters()).query().singleRow();
    return new Outcome(null, (Long) counts.get("rows"), (Long) counts.get("bytes"), null);
  }

  /** Sends every open rejection the filter takes again, in one batch; none when it takes none. */
  Outcome matching(Table table, ErrorFilter.Where where, String user) {
    String batch = RedriveBatches.newId();
    Outcome counted = transaction.execute(status -> {
      Outcome dry = dryRun(table, where);
      Map<String, Object> parameters = new HashMap<>(where.parameters());
      parameters.put("redrive", batch);
      parameters.put("user", user);
      int rows = jdbc.sql(REDRIVE_MATCHING.formatted(Sql.name(table.errorsTable()), where.sql())).params(parameters)
          .update();
      if (rows > 0) {
        recordBatch(table, batch, rows);
      }
      return new Outcome(null, rows, dry.needValues(), null);
    });
    return counted.rows() == 0 ? counted : sent(table, batch, counted.rows(), counted.needValues());
  }

  private void recordBatch(Table table, String batch, long rows) {
    jdbc.sql(BATCH).param("batch", batch).param("table", table.name()).param("channel", RedriveBatches.CHANNEL)
        .param("received", rows).update();
  }

  /** Publishes a recorded redrive; should that fail, the relay publishes it later. */
  private Outcome sent(Table table, String batch, long rows, long needValues) {
    meters.counter("rowgate.errors.redriven", "table", table.name()).increment(rows);
    publisher.publishNow(table, batch);
    return new Outcome(batch, rows, needValues, "/api/v1/batches/" + batch);
  }
}
