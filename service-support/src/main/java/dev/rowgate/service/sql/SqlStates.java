package dev.rowgate.service.sql;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * What PostgreSQL's SQLSTATE of a failure says, in one place: a failure is read by its first
 * {@link SQLException} among it and its causes.
 */
public final class SqlStates {

  /** {@code lock_not_available}: a lock was not granted within {@code lock_timeout}, or NOWAIT. */
  public static final String LOCK_NOT_AVAILABLE = "55P03";

  /** {@code undefined_table} and {@code undefined_column}. */
  private static final Set<String> UNDEFINED = Set.of("42P01", "42703");

  private SqlStates() {
  }

  /** The first {@link SQLException} among the failure and its causes. */
  public static Optional<SQLException> first(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return Optional.of(sql);
      }
    }
    return Optional.empty();
  }

  /** The SQLSTATE of the failure's first {@link SQLException}, if it has one. */
  public static Optional<String> of(Throwable failure) {
    return first(failure).map(SQLException::getSQLState);
  }

  /** A data exception (class 22) or an integrity constraint violation (class 23): the row is at fault. */
  public static boolean isDataError(Throwable failure) {
    return of(failure).filter(state -> state.startsWith("22") || state.startsWith("23")).isPresent();
  }

  /** An integrity constraint violation (class 23): a key, a reference, a check. */
  public static boolean isIntegrityViolation(Throwable failure) {
    return of(failure).filter(state -> state.startsWith("23")).isPresent();
  }

  /** The lock asked for was not granted in time. */
  public static boolean isLockNotAvailable(Throwable failure) {
    return of(failure).filter(LOCK_NOT_AVAILABLE::equals).isPresent();
  }

  /** A table or column the statement names is not there: the schema is not migrated yet. */
  public static boolean isUndefinedTableOrColumn(Throwable failure) {
    return of(failure).filter(UNDEFINED::contains).isPresent();
  }

  /**
   * The database could not be reached, rather than answered and refused: a connection exception
   * (class 08), insufficient resources (53, such as too many connections), a server starting up
   * or shutting down (57P), or no SQLSTATE at all.
   */
  public static boolean isUnreachable(SQLException failure) {
    String state = failure.getSQLState();
    return state == null || state.startsWith("08") || state.startsWith("53") || state.startsWith("57P");
  }
}
