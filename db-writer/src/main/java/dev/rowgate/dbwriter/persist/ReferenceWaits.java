package dev.rowgate.dbwriter.persist;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.rowgate.avro.Origin;
import dev.rowgate.dbwriter.WriterProperties;
import dev.rowgate.dbwriter.batch.Tally;
import dev.rowgate.dbwriter.errors.Reject;
import dev.rowgate.schema.Column;
import dev.rowgate.schema.RowCodec;
import dev.rowgate.schema.RowKeys;
import dev.rowgate.schema.Table;
import dev.rowgate.schema.ValidRowSchema;
import dev.rowgate.schema.Values;
import dev.rowgate.service.sql.Sql;
import org.apache.avro.generic.GenericRecord;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Valid rows that name a referenced row not in its table yet, kept in {@code reference_waits}
 * until it arrives or {@code rowgate.writer.reference-wait} has passed: rows of different topics
 * reach the writer in no set order, so an order may come before the customer it names. Each table
 * and key holds its latest row only; a newer row of the key replaces the waiting one, as it would
 * replace a written one, and the replaced row counts as persisted in its batch. A waiting row is
 * kept as its record, and read again with the table's schema of the time it is written.
 */
@Component
final class ReferenceWaits {

  private static final String ANY_WAITING = "SELECT EXISTS (SELECT 1 FROM reference_waits WHERE table_name = :table)";

  private static final String RELEASE =
      "DELETE FROM reference_waits WHERE table_name = :table AND row_key = ANY(:keys) RETURNING batch_id, channel";

  private static final String PARK = """
      INSERT INTO reference_waits (table_name, row_key, refs, batch_id, channel, record)
      SELECT :table, row_key, ARRAY(SELECT e FROM jsonb_array_elements_text(refs) WITH ORDINALITY AS x(e, n) ORDER BY n),
             batch_id, channel, record
      FROM unnest(:keys::text[], :refs::jsonb[], :batches::text[], :channels::text[], :records::bytea[]) AS p(row_key, refs, batch_id, channel, record)
      ON CONFLICT (table_name, row_key) DO UPDATE SET refs = EXCLUDED.refs, batch_id = EXCLUDED.batch_id,
          channel = EXCLUDED.channel, record = EXCLUDED.record, since = now()""";

  /** Rows whose referenced rows are all there now, or that waited long enough, oldest first; locked. */
  private static final String DUE = """
      SELECT row_key, record, since <= now() - make_interval(secs => :wait) AS expired FROM reference_waits w
      WHERE table_name = :table AND (since <= now() - make_interval(secs => :wait) OR (%s))
      ORDER BY since LIMIT :page FOR UPDATE SKIP LOCKED""";

  private static final String DELETE = "DELETE FROM reference_waits WHERE table_name = :table AND row_key = ANY(:keys)";

  /** The most waiting rows of a table that one {@link #resume} takes. */
  private static final int PAGE = 5000;

  private final JdbcClient jdbc;
  private final RowCodec codec;
  private final double waitSeconds;

  ReferenceWaits(JdbcClient jdbc, RowCodec codec, WriterProperties properties) {
    this.jdbc = jdbc;
    this.codec = codec;
    this.waitSeconds = properties.referenceWait().toMillis() / 1000.0;
  }

  /**
   * Removes the waiting rows of the keys these rows carry: newer rows of theirs. Mostly none wait,
   * and asking first spares the database an array of every key of the poll. The rows of one key
   * are on one partition, so no other writer sets one of these keys waiting meanwhile.
   */
  void release(Table table, List<GenericRecord> rows, Tally tally) {
    if (rows.isEmpty() || table.referenceColumns().isEmpty()
        || !jdbc.sql(ANY_WAITING).param("table", table.name()).query(Boolean.class).single()) {
      return;
    }
    String[] keys = rows.stream().map(r -> RowKeys.of(table, r)).distinct().toArray(String[]::new);
    jdbc.sql(RELEASE).param("table", table.name()).param("keys", keys).query((RowCallbackHandler) rs -> {
      tally.resumed(table.name(), rs.getString(1), rs.getString(2), 1);
    });
  }

  /**
   * Sets waiting the refused rows that only miss a referenced row and are the last of their key
   * among {@code rows}; an earlier one is replaced by the later row of its key. With no wait
   * configured, or for another reason, a row is refused.
   *
   * @return the refused rows
   */
  List<Reject> park(Table table, List<GenericRecord> rows, List<Refusal> refusals, Tally tally) {
    if (refusals.isEmpty()) {
      return List.of();
    }
    Map<String, GenericRecord> last = new HashMap<>();
    rows.forEach(row -> last.put(RowKeys.of(table, row), row));
    List<Reject> refused = new ArrayList<>();
    List<GenericRecord> waiting = new ArrayList<>();
    for (Refusal refusal : refusals) {
      if (waitSeconds == 0 || !refusal.missesReferences()) {
        refused.add(refusal.reject(table));
      } else if (last.get(RowKeys.of(table, refusal.row())) == refusal.row()) {
        waiting.add(refusal.row());
        Origin origin = origin(refusal.row());
        tally.waiting(table.name(), origin.getBatchId(), origin.getChannel().name(), 1);
      }
    }
    if (!waiting.isEmpty()) {
      insert(table, waiting);
    }
    return refused;
  }

  /**
   * Writes the waiting rows of a table whose referenced rows are there now, and refuses those that
   * waited long enough; a row that still misses one goes on waiting.
   *
   * @return the refused rows
   */
  List<Reject> resume(Table table, ValidRowWriter writer, Tally tally) {
    List<GenericRecord> rows = new ArrayList<>();
    Map<String, Boolean> expired = new HashMap<>();
    jdbc.sql(DUE.formatted(referencesExist(table))).param("wait", waitSeconds).param("table", table.name())
        .param("page", PAGE).query((RowCallbackHandler) rs -> {
          GenericRecord row = codec.decode(table.validSchema(), rs.getBytes(2));
          rows.add(row);
          expired.put(rs.getString(1), rs.getBoolean(3));
        });
    if (rows.isEmpty()) {
      return List.of();
    }
    List<Reject> refused = new ArrayList<>();
    Set<String> stillWaiting = new HashSet<>();
    for (Refusal refusal : writer.write(table, rows)) {
      String key = RowKeys.of(table, refusal.row());
      if (refusal.missesReferences() && !expired.get(key)) {
        stillWaiting.add(key);
      } else {
        refused.add(refusal.reject(table));
      }
    }
    String[] done = rows.stream().map(r -> RowKeys.of(table, r)).filter(key -> !stillWaiting.contains(key))
        .toArray(String[]::new);
    jdbc.sql(DELETE).param("table", table.name()).param("keys", done).update();
    rows.stream().filter(r -> !stillWaiting.contains(RowKeys.of(table, r))).forEach(row -> {
      Origin origin = origin(row);
      tally.resumed(table.name(), origin.getBatchId(), origin.getChannel().name(), 1);
    });
    return refused;
  }

  private void insert(Table table, List<GenericRecord> rows) {
    List<Column> references = table.referenceColumns();
    JsonMapper json = JsonMapper.shared();
    jdbc.sql(PARK).param("table", table.name())
        .param("keys", rows.stream().map(r -> RowKeys.of(table, r)).toArray(String[]::new))
        .param("refs", rows.stream().map(r -> json.writeValueAsString(references.stream()
            .map(column -> Values.text(r.get(column.name()))).toList())).toArray(String[]::new))
        .param("batches", rows.stream().map(r -> origin(r).getBatchId()).toArray(String[]::new))
        .param("channels", rows.stream().map(r -> origin(r).getChannel().name()).toArray(String[]::new))
        .param("records", rows.stream().map(RowCodec::encode).toArray(byte[][]::new))
        .update();
  }

  /** SQL that holds when every referenced row of a waiting row {@code w} exists (or it names none). */
  private static String referencesExist(Table table) {
    List<Column> references = table.referenceColumns();
    List<String> exist = new ArrayList<>();
    for (int i = 0; i < references.size(); i++) {
      Column column = references.get(i);
      String value = "w.refs[" + (i + 1) + "]";
      exist.add("(" + value + " IS NULL OR EXISTS (SELECT 1 FROM " + Sql.name(column.references().table()) + " r WHERE r."
          + Sql.name(column.references().column()) + " = " + value + "::" + Sql.baseType(column.type()) + "))");
    }
    return String.join(" AND ", exist);
  }

  private static Origin origin(GenericRecord row) {
    return (Origin) row.get(ValidRowSchema.ORIGIN);
  }
}
