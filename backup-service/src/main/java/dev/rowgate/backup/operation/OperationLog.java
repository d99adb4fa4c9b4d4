package dev.rowgate.backup.operation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations of every instance in {@code backup_operations}. A row in state running is
 * shown as failed when no session holds the table's operation lock: its instance stopped.
 */
final class OperationLog {

  /** The first key of the advisory locks that keep a table to one operation; the second is hashtext(table). */
  static final int LOCK_CLASS = 0x726f7767;

  private static final String ABANDONED = "abandoned: the instance running it stopped before it finished";

  private static final JsonMapper JSON = JsonMapper.shared();

  private final JdbcClient jdbc;

  OperationLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Marks the table's running operations as abandoned. Only to be called while holding the
   * table's lock: then none of them is running anywhere.
   */
  void abandonRunning(String table) {
    jdbc.sql("UPDATE backup_operations SET state = 'failed', error = :error, finished_at = now()"
        + " WHERE table_name = :table AND state = 'running'").param("error", ABANDONED).param("table", table).update();
  }

  /** Writes the operation as it is now, inserting it the first time. */
  void save(Operation.View view) {
    jdbc.sql("""
        INSERT INTO backup_operations
          (id, kind, table_name, state, phase, done, total, unit, started_at, finished_at, result, error)
        VALUES (:id, :kind, :table, :state, :phase, :done, :total, :unit, :startedAt, :finishedAt, :result::jsonb,
          :error)
        ON CONFLICT (id) DO UPDATE SET state = excluded.state, phase = excluded.phase, done = excluded.done,
          total = excluded.total, unit = excluded.unit, finished_at = excluded.finished_at,
          result = excluded.result, error = excluded.error""")
        .param("id", view.id()).param("kind", view.kind()).param("table", view.table()).param("state", view.state())
        .param("phase", view.phase()).param("done", view.done()).param("total", view.total())
        .param("unit", view.unit()).param("startedAt", utc(view.startedAt()))
        .param("finishedAt", utc(view.finishedAt()))
        .param("result", view.result() == null ? null : JSON.writeValueAsString(view.result()))
        .param("error", view.error()).update();
  }

  Optional<Operation.View> find(String id) {
    return jdbc.sql("""
        SELECT o.*, o.state = 'running' AND NOT EXISTS (
            SELECT 1 FROM pg_locks l
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid = :lockClass::oid AND l.objid = hashtext(o.table_name)::oid) AS abandoned
        FROM backup_operations o WHERE o.id = :id""")
        .param("lockClass", LOCK_CLASS).param("id", id).query((rs, n) -> view(rs)).optional();
  }

  /** The operation running on the table, if one is. */
  Optional<String> running(String table) {
    return jdbc.sql("SELECT id FROM backup_operations WHERE table_name = :table AND state = 'running'")
        .param("table", table).query(String.class).list().stream().findFirst();
  }

  /** Forgets the operations that finished before {@code time}. */
  void forgetFinishedBefore(Instant time) {
    jdbc.sql("DELETE FROM backup_operations WHERE finished_at < :time").param("time", utc(time)).update();
  }

  private static Operation.View view(ResultSet rs) throws SQLException {
    boolean abandoned = rs.getBoolean("abandoned");
    String result = rs.getString("result");
    Long total = rs.getObject("total", Long.class);
    return new Operation.View(rs.getString("id"), rs.getString("kind"), rs.getString("table_name"),
        abandoned ? "failed" : rs.getString("state"), rs.getString("phase"), rs.getLong("done"),
        total, rs.getString("unit"), instant(rs, "started_at"), instant(rs, "finished_at"),
        result == null ? null : JSON.readTree(result), abandoned ? ABANDONED : rs.getString("error"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
