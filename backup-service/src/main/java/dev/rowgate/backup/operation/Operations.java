package dev.rowgate.backup.operation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.rowgate.service.problem.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Runs backups and restores in the background, one at a time per table, and remembers the
 * recent ones so their progress and outcome can be asked for.
 */
@Component
public final class Operations implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(Operations.class);
  private static final int REMEMBERED = 200;

  private final ExecutorService workers = Executors.newFixedThreadPool(2, runnable -> {
    Thread thread = new Thread(runnable, "backup-operation");
    thread.setDaemon(true);
    return thread;
  });
  private final Map<String, Operation> byId = new LinkedHashMap<>();

  /**
   * Starts {@code work} for a table unless another operation on it is running (409).
   *
   * @param work does the operation, reporting progress on it, and returns its result; an
   *             {@link ApiException} it throws is the operation's failure as the client sees it
   */
  public synchronized Operation start(Operation.Kind kind, String table, String id, Function<Operation, Object> work) {
    byId.values().stream().filter(o -> o.table().equals(table) && o.state() == Operation.State.RUNNING).findFirst()
        .ifPresent(running -> {
          throw new ApiException(HttpStatus.CONFLICT, "table-busy", "Table busy", "Operation " + running.id()
              + " on " + table + " is still running; ask again when it has finished");
        });
    Operation operation = new Operation(id, kind, table);
    byId.put(id, operation);
    forgetOldest();
    workers.execute(() -> run(operation, work));
    return operation;
  }

  public synchronized Optional<Operation> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public synchronized List<Operation> running() {
    return byId.values().stream().filter(o -> o.state() == Operation.State.RUNNING).toList();
  }

  /** Waits up to {@code wait} for the operation to finish and returns it, finished or not. */
  public static Operation await(Operation operation, Duration wait) {
    return operation.finished().copy().completeOnTimeout(operation, wait.toMillis(), TimeUnit.MILLISECONDS).join();
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
    } catch (RuntimeException e) {
      log.error("{} {} of {} failed", operation.view().kind(), operation.id(), operation.table(), e);
      operation.fail(new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "operation-failed", "Operation failed",
          e.getMessage() == null ? e.getClass().getName() : e.getMessage()));
    }
  }

  private void forgetOldest() {
    List<String> finished = new ArrayList<>();
    byId.forEach((id, o) -> {
      if (o.state() != Operation.State.RUNNING) {
        finished.add(id);
      }
    });
    for (int i = 0; i < finished.size() - REMEMBERED; i++) {
      byId.remove(finished.get(i));
    }
  }

  @Override
  public void destroy() {
    workers.shutdownNow();
  }
}
