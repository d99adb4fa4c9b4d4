package dev.rowgate.backup.operation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A table's operation lock: a transaction-level advisory lock held open on a connection of its
 * own for as long as the operation runs. PostgreSQL drops it with the session, so an instance
 * that dies cannot leave a table locked.
 */
final class TableLock {

  private static final Logger log = LoggerFactory.getLogger(TableLock.class);

  private final Connection connection;
  private final String table;

  private TableLock(Connection connection, String table) {
    this.connection = connection;
    this.table = table;
  }

  /** Takes the table's lock, or nothing when another operation holds it. */
  static Optional<TableLock> take(DataSource dataSource, String table) {
    Connection connection = null;
    try {
      connection = dataSource.getConnection();
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET LOCAL idle_in_transaction_session_timeout = 0");
      }
      try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?, hashtext(?))")) {
        statement.setInt(1, OperationLog.LOCK_CLASS);
        statement.setString(2, table);
        try (ResultSet rs = statement.executeQuery()) {
          if (rs.next() && rs.getBoolean(1)) {
            return Optional.of(new TableLock(connection, table));
          }
        }
      }
      release(connection, table);
      return Optional.empty();
    } catch (SQLException e) {
      if (connection != null) {
        release(connection, table);
      }
      throw new DataAccessResourceFailureException("cannot take the operation lock of " + table, e);
    }
  }

  void release() {
    release(connection, table);
  }

  /** Closes the lock's connection: its session ends, and the lock with it. */
  private static void release(Connection connection, String table) {
    try {
      connection.close();
    } catch (SQLException e) {
      log.warn("the operation lock of {} ended with its connection: {}", table, e.getMessage());
    }
  }
}
