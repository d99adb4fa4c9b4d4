package dev.rowgate.dbwriter;

import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.rowgate.service.RetryProperties;
import dev.rowgate.service.sql.SqlStates;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Migrates the schema when the writer starts, then applies the table definitions of its
 * directory, waiting for PostgreSQL while it cannot be reached: not started yet, starting up,
 * restarting, out of connection slots. A database that answers and refuses (a wrong user,
 * password or database name, a migration that fails) stops the writer at once, with PostgreSQL's
 * message, instead of being asked again for minutes; so do definitions that cannot be read or
 * whose change is refused, with every problem and where it is.
 */
@Component
final class DatabaseWait implements FlywayMigrationStrategy {

  private static final Logger log = LoggerFactory.getLogger(DatabaseWait.class);

  private final WriterProperties properties;
  private final RetryProperties retry;
  private final Consumer<DataSource> afterMigration;

  @Autowired
  DatabaseWait(WriterProperties properties, RetryProperties retry, DefinitionsAtStart definitions) {
    this(properties, retry, definitions::apply);
  }

  /** @param afterMigration what else makes the schema once it is migrated: the table definitions */
  DatabaseWait(WriterProperties properties, RetryProperties retry, Consumer<DataSource> afterMigration) {
    this.properties = properties;
    this.retry = retry;
    this.afterMigration = afterMigration;
  }

  @Override
  public void migrate(Flyway flyway) {
    long deadline = System.nanoTime() + properties.databaseWait().toNanos();
    BackOffExecution pauses = retry.pauses().start();
    while (true) {
      try {
        flyway.migrate();
        afterMigration.accept(flyway.getConfiguration().getDataSource());
        return;
      } catch (FlywayException | DataAccessException e) {
        Optional<SQLException> unreachable = unreachable(e);
        if (unreachable.isEmpty()) {
          throw e;
        }
        long pause = pauses.nextBackOff();
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) > deadline) {
          throw new IllegalStateException("PostgreSQL could not be reached for " + properties.databaseWait()
              + " (rowgate.writer.database-wait); the writer stops", e);
        }
        log.warn("PostgreSQL cannot be reached (SQLState {}: {}); trying again in {} ms",
            unreachable.get().getSQLState(), unreachable.get().getMessage(), pause);
        sleep(pause);
      }
    }
  }

  /** The database's error when a failure says that it could not be reached, rather than that it answered and refused. */
  static Optional<SQLException> unreachable(Throwable failure) {
    return SqlStates.first(failure).filter(SqlStates::isUnreachable);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
    }
  }
}
