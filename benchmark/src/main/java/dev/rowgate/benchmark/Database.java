package dev.rowgate.benchmark;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.postgresql.PGConnection;

/** The benchmark's own SQL: the COPY baselines, their tables, and the numbers it reads back. */
final class Database {

  private final String url;
  private boolean checkpoints = true;

  Database(String url) {
    this.url = url;
  }

  /** Tables shaped like hired_employees: one with its foreign keys too (identical), one without. */
  void createBaselineTables() {
    execute("DROP TABLE IF EXISTS bench_copy_identical, bench_copy_plain");
    execute("CREATE TABLE bench_copy_identical (LIKE hired_employees INCLUDING ALL)");
    execute("ALTER TABLE bench_copy_identical ADD FOREIGN KEY (department_id) REFERENCES departments (id),"
        + " ADD FOREIGN KEY (job_id) REFERENCES jobs (id)");
    execute("CREATE TABLE bench_copy_plain (LIKE hired_employees INCLUDING ALL)");
  }

  void dropBaselineTables() {
    execute("DROP TABLE IF EXISTS bench_copy_identical, bench_copy_plain");
  }

  /** A transaction holding a table's EXCLUSIVE lock (reads go on, writes wait) until closed. */
  Lock lockForWrites(String table) {
    try {
      Connection c = DriverManager.getConnection(url);
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE");
      }
      return new Lock(c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot lock " + table, e);
    }
  }

  /** A held table lock; closing releases it. */
  record Lock(Connection connection) implements AutoCloseable {
    @Override
    public void close() {
      try (connection) {
        connection.rollback();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot release the lock", e);
      }
    }
  }

  /**
   * Writes every dirty page to disk before a timed stage, so no stage pays for the checkpoint of
   * the one before (a checkpoint during a load makes the pages it writes next log full images).
   */
  void checkpoint() {
    if (!checkpoints) {
      return;
    }
    try {
      execute("CHECKPOINT");
    } catch (IllegalStateException e) {
      checkpoints = false;
      System.err.println("no CHECKPOINT before the timed stages (" + e.getCause().getMessage()
          + "): a checkpoint during a stage may slow it");
    }
  }

  /** Empties the table, then times {@code COPY table FROM STDIN} of the file, in one transaction. */
  Duration copyIn(String table, Path file, String format) {
    execute("TRUNCATE " + table);
    checkpoint();
    try (Connection c = DriverManager.getConnection(url); InputStream in = Files.newInputStream(file)) {
      long start = System.nanoTime();
      c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN (FORMAT " + format + ")", in);
      return Duration.ofNanos(System.nanoTime() - start);
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("COPY into " + table + " failed", e);
    }
  }

  /**
   * Times {@code COPY table TO STDOUT} into the file, through a buffer: the driver hands over each
   * row on its own, and a write to the file for every row would slow the baseline down.
   */
  Duration copyOut(String table, Path file, String format) {
    try (Connection c = DriverManager.getConnection(url);
         OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      long start = System.nanoTime();
      c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + table + " TO STDOUT (FORMAT " + format + ")", out);
      out.flush();
      return Duration.ofNanos(System.nanoTime() - start);
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("COPY out of " + table + " failed", e);
    }
  }

  /** The one number that a query gives: a count, or the seconds since a table was analyzed. */
  long queryLong(String sql) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Starts watching what autovacuum does to the table until the watch is stopped. */
  AutovacuumWatch watchAutovacuum(String table) {
    return new AutovacuumWatch(url, table);
  }

  void dumpStatements() {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT round(total_exec_time) AS ms, round(total_plan_time) AS plan, calls, rows,"
             + " left(regexp_replace(query, '\\s+', ' ', 'g'), 110) FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12")) {
      while (rs.next()) {
        System.out.printf("  %8d ms %6d plan %6d calls %9d rows  %s%n", rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  void execute(String sql) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
