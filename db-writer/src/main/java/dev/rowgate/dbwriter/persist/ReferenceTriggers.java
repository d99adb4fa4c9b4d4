package dev.rowgate.dbwriter.persist;

import java.util.function.Supplier;

import dev.rowgate.dbwriter.WriterProperties;
import dev.rowgate.schema.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes of rows whose references the writer has checked itself, in one statement per poll that
 * also locks the referenced rows {@code FOR KEY SHARE} (as PostgreSQL's own foreign key trigger does,
 * row by row): those writes need not run the trigger again for every row. With the triggers off
 * ({@code session_replication_role = replica}, for the transaction only), no referenced row can be
 * deleted or have its key changed before the writer commits, and after that the foreign key's
 * trigger on the referenced table sees the new rows: the guarantee is the foreign key's. Every
 * other writer, a restore included, still runs the triggers.
 *
 * <p>Turning the triggers off takes a superuser, or on PostgreSQL 15 and later
 * {@code GRANT SET ON PARAMETER session_replication_role TO <role>}; a role without it writes with
 * the triggers, as before. The triggers that role also turns off are those of rowgate's tables,
 * which have none but their foreign keys' ({@code rowgate.writer.reference-triggers} keeps them on).
 */
@Component
final class ReferenceTriggers {

  private static final Logger log = LoggerFactory.getLogger(ReferenceTriggers.class);

  private static final String SUPERUSER = "SELECT rolsuper FROM pg_roles WHERE rolname = current_user";
  private static final String VERSION = "SELECT current_setting('server_version_num')::int";
  private static final String GRANTED = "SELECT has_parameter_privilege('session_replication_role', 'SET')";

  private final JdbcClient jdbc;
  private final boolean keepOn;
  private volatile Boolean mayTurnOff;

  ReferenceTriggers(JdbcClient jdbc, WriterProperties properties) {
    this.jdbc = jdbc;
    this.keepOn = properties.referenceTriggers();
  }

  /** Runs the writes of a table's rows, whose references are checked and locked, without its foreign keys' triggers where it may. */
  <T> T off(Table table, Supplier<T> writes) {
    if (table.referenceColumns().isEmpty() || !mayTurnOff()) {
      return writes.get();
    }
    jdbc.sql("SET LOCAL session_replication_role = replica").update();
    T written = writes.get();
    jdbc.sql("SET LOCAL session_replication_role = origin").update();
    return written;
  }

  private boolean mayTurnOff() {
    Boolean known = mayTurnOff;
    if (known == null) {
      known = !keepOn && (jdbc.sql(SUPERUSER).query(Boolean.class).single()
          || jdbc.sql(VERSION).query(Integer.class).single() >= 150_000
          && jdbc.sql(GRANTED).query(Boolean.class).single());
      log.info(known ? "valid rows are written without their foreign keys' triggers: the writer checks and locks the "
          + "referenced rows itself" : "valid rows are written with their foreign keys' triggers (the database role "
          + "may not set session_replication_role, or rowgate.writer.reference-triggers keeps them)");
      mayTurnOff = known;
    }
    return known;
  }
}
