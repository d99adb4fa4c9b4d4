package dev.rowgate.service.copy;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcOperations;

/** Runs {@code COPY ... FROM STDIN} on the connection of the current transaction. */
public final class CopyIn {

  private final JdbcOperations jdbc;

  public CopyIn(JdbcOperations jdbc) {
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

  /**
   * Streams rows into {@code COPY ... FROM STDIN}: {@code rows} is called with a sink that sends
   * each piece of COPY text as it comes, so memory stays flat however many rows there are.
   */
  public long stream(String sql, RowSource rows) {
    Long copied = jdbc.execute((Connection connection) -> {
      org.postgresql.copy.CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
      try {
        rows.writeTo(bytes -> {
          try {
            copy.writeToCopy(bytes, 0, bytes.length);
          } catch (SQLException e) {
            throw new CopyFailed(e);
          }
        });
        return copy.endCopy();
      } catch (CopyFailed e) {
        throw e.getCause();
      } finally {
        if (copy.isActive()) {
          copy.cancelCopy();
        }
      }
    });
    return copied == null ? 0 : copied;
  }

  /** Writes COPY text, piece by piece, to the sink it is given. */
  @FunctionalInterface
  public interface RowSource {
    void writeTo(Consumer<byte[]> sink);
  }

  private static final class CopyFailed extends RuntimeException {
    CopyFailed(SQLException cause) {
      super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }
}
