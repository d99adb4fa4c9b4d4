package dev.rowgate.dbwriter.copy;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Runs {@code COPY ... FROM STDIN} on the connection of the current transaction. */
@Component
public final class CopyIn {

  private final JdbcTemplate jdbc;

  CopyIn(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public long copy(String sql, CopyText rows) {
    Long copied = jdbc.execute((Connection connection) -> {
      try {
        return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, rows.reader());
      } catch (IOException e) {
        throw new SQLException("COPY failed: " + e.getMessage(), "08006", e);
      }
    });
    return copied == null ? 0 : copied;
  }
}
