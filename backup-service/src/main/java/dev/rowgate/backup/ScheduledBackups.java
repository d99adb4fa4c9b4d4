package dev.rowgate.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import dev.rowgate.backup.catalog.TableCatalog;
import dev.rowgate.backup.operation.Operation;
import dev.rowgate.backup.operation.Operations;
import dev.rowgate.service.problem.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Backs up every table on the configured schedule ({@code rowgate.backup.schedule}, a cron
 * expression; "-" is none). Of several instances, the one that holds a PostgreSQL advisory lock
 * does the round; the others skip it.
 */
@Component
class ScheduledBackups {

  private static final Logger log = LoggerFactory.getLogger(ScheduledBackups.class);
  private static final long LOCK = 0x726f7767617465L;
  private static final Duration LONGEST_BACKUP = Duration.ofHours(6);

  private final BackupService service;
  private final TableCatalog catalog;
  /** One connection holds the session lock of the scheduled round from its start to its end. */
  private final JdbcOperations connections;

  ScheduledBackups(BackupService service, TableCatalog catalog, JdbcOperations connections) {
    this.service = service;
    this.catalog = catalog;
    this.connections = connections;
  }

  @Scheduled(cron = "${rowgate.backup.schedule:-}", zone = "UTC")
  void backUpEveryTable() {
    connections.execute((Connection connection) -> {
      if (!advisoryLock(connection, "pg_try_advisory_lock")) {
        log.info("another instance takes the scheduled backups");
        return null;
      }
      try {
        for (String table : catalog.names()) {
          backUp(table);
        }
      } finally {
        advisoryLock(connection, "pg_advisory_unlock");
      }
      return null;
    });
  }

  private void backUp(String table) {
    try {
      Operation operation = Operations.await(service.backup(table), LONGEST_BACKUP);
      log.info("scheduled backup {} of {}: {}", operation.id(), table, operation.state());
    } catch (ApiException e) {
      log.warn("scheduled backup of {} skipped: {}", table, e.getMessage());
    }
  }

  private static boolean advisoryLock(Connection connection, String function) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
      statement.setLong(1, LOCK);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }
}
