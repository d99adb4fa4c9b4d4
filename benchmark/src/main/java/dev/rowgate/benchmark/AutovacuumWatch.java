package dev.rowgate.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What autovacuum did to a table while a stage ran, as pg_stat_activity shows its workers (e.g.
 * {@code autovacuum: VACUUM public.hired_employees}), sampled every 100 ms on one connection held
 * for the purpose. On two cores a VACUUM of a million-row table slows a query beside it, so a
 * figure measured meanwhile says so.
 */
final class AutovacuumWatch implements AutoCloseable {

  private static final String WORKERS = "SELECT query FROM pg_stat_activity"
      + " WHERE backend_type = 'autovacuum worker' AND query ~ ('\\.' || ? || '( |$)')";

  private final Connection connection;
  private final PreparedStatement workers;
  private final Set<String> seen = new ConcurrentSkipListSet<>();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "autovacuum-watch");
    thread.setDaemon(true);
    return thread;
  });
  private final ScheduledFuture<?> sampling;

  AutovacuumWatch(String url, String table) {
    try {
      connection = DriverManager.getConnection(url);
      workers = connection.prepareStatement(WORKERS);
      workers.setString(1, table);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot watch autovacuum on " + table, e);
    }
    sampling = sampler.scheduleWithFixedDelay(this::sample, 0, 100, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    try (ResultSet rs = workers.executeQuery()) {
      while (rs.next()) {
        seen.add(rs.getString(1).replaceFirst("^autovacuum: ", ""));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read pg_stat_activity", e);
    }
  }

  /**
   * Stops watching; what autovacuum was seen doing to the table, empty if nothing. The sampler is
   * stopped first, so a sample that failed up to its last one is reported, not lost; one that
   * was running when it stopped ends cancelled, which is no failure.
   */
  SortedSet<String> stop() {
    close();
    if (sampling.isDone() && !sampling.isCancelled()) {
      try {
        sampling.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while watching autovacuum", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("watching autovacuum failed", e.getCause());
      }
    }
    return new TreeSet<>(seen);
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    try (connection) {
      sampler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close the watch's connection", e);
    }
  }
}
