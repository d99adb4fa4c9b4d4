package dev.rowgate.backup.operation;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.rowgate.service.problem.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs backups and restores in the background, one at a time per table across every instance,
 * and keeps them in {@code backup_operations} so that any instance can tell their progress and
 * outcome for 30 days. The progress of a running operation is saved every second.
 */
public final class Operations implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(Operations.class);
  private static final Duration REMEMBERED = Duration.ofDays(30);

  private final DataSource lockConnections;
  private final OperationLog operationLog;
  private final ExecutorService workers = Executors.newFixedThreadPool(2, daemon("backup-operation"));
  private final ScheduledFuture<?> saver;
  /** This instance's operations until their end is saved. */
  private final Map<String, Operation> mine = new ConcurrentHashMap<>();

  /**
   * @param lockConnections where each operation opens the connection that holds its table's lock
   *                        while it runs: not the pool that the operations' own work draws on, so
   *                        waiting operations cannot take every connection of it
   * @param jdbc            the pool, for the work and the operation log
   * @param scheduler       where the progress is saved every second
   */
  public Operations(DataSource lockConnections, JdbcClient jdbc, TaskScheduler scheduler) {
    this.lockConnections = lockConnections;
    this.operationLog = new OperationLog(jdbc);
    this.saver = scheduler.scheduleWithFixedDelay(this::saveAll, Instant.now().plusSeconds(1), Duration.ofSeconds(1));
  }

  /**
   * Starts {@code work} for a table unless an operation on it is running on any instance (409).
   *
   * @param work does the operation, reporting progress on it, and returns its result; an
   *             {@link ApiException} it throws is the operation's failure as the client sees it
   */
  public Operation start(Operation.Kind kind, String table, String id, Function<Operation, Object> work) {
    TableLock lock = TableLock.take(lockConnections, table).orElseThrow(() -> busy(table));
    Operation operation = new Operation(id, kind, table);
    try {
      operationLog.abandonRunning(table);
      operationLog.forgetFinishedBefore(Instant.now().minus(REMEMBERED));
      operationLog.save(operation.view());
      mine.put(id, operation);
      workers.execute(() -> {
        try {
          run(operation, work);
          save(operation);
        } finally {
          lock.release();
          operation.announce();
        }
      });
    } catch (RuntimeException e) {
      lock.release();
      throw e;
    }
    return operation;
  }

  /**
   * Runs {@code work} now, on this thread, while holding the table's lock, unless an operation on
   * the table runs on any instance.
   *
   * @return whether the work ran
   */
  public boolean whileIdle(String table, Runnable work) {
    Optional<TableLock> lock = TableLock.take(lockConnections, table);
    lock.ifPresent(held -> {
      try {
        work.run();
      } finally {
        held.release();
      }
    });
    return lock.isPresent();
  }

  /** An operation of any instance, running or finished. */
  public Optional<Operation.View> find(String id) {
    Operation operation = mine.get(id);
    return operation != null ? Optional.of(operation.view()) : operationLog.find(id);
  }

  /** Waits up to {@code wait} for the operation to finish and returns it, finished or not. */
  public static Operation await(Operation operation, Duration wait) {
    return operation.finished().copy().completeOnTimeout(operation, wait.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  private ApiException busy(String table) {
    String running = operationLog.running(table).map(id -> "Operation " + id).orElse("An operation");
    return new ApiException(HttpStatus.CONFLICT, "table-busy", "Table busy",
        running + " on " + table + " is still running; ask again when it has finished");
  }

  private void run(Operation operation, Function<Operation, Object> work) {
    try {
      operation.succeed(work.apply(operation));
      log.info("{} {} of {} done", operation.view().kind(), operation.id(), operation.table());
    } catch (ApiException e) {
      log.warn("{} {} of {} refused: {}", operation.view().kind(), operation.id(), operation.table(), e.getMessage());
      operation.fail(e);
    } catch (DataAccessException e) {
      log.warn("{} {} of {} failed in the database", operation.view().kind(), operation.id(), operation.table(), e);
      operation.fail(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "database-failed", "Database failed",
          "The database failed during the operation; the table is as it was: " + e.getMostSpecificCause().getMessage()));
    } catch (RuntimeException | Error e) {
      // An Error too (out of memory, a class missing): the operation ends failed rather than running for ever.
      log.error("{} {} of {} failed", operation.view().kind(), operation.id(), operation.table(), e);
      operation.fail(new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "operation-failed", "Operation failed",
          e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  private void saveAll() {
    mine.values().forEach(this::save);
  }

  /**
   * Saves the operation as it is; one that has finished is then no longer this instance's to
   * save. The saves of one operation take turns, so the last state saved is its latest.
   */
  private void save(Operation operation) {
    synchronized (operation) {
      Operation.View view = operation.view();
      try {
        operationLog.save(view);
        if (!view.state().equals("running")) {
          mine.remove(operation.id());
        }
      } catch (DataAccessException e) {
        log.warn("cannot save {} {} of {} yet, trying again in a second: {}", view.kind(), view.id(), view.table(),
            e.getMostSpecificCause().getMessage());
      }
    }
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void destroy() {
    saver.cancel(false);
    workers.shutdownNow();
  }
}
