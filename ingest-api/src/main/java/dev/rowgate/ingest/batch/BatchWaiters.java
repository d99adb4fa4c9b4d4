package dev.rowgate.ingest.batch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import dev.rowgate.database.DatabaseSchema;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Requests waiting for a batch to finish, woken when the writer announces progress on the
 * {@code rowgate_batches} channel (PostgreSQL LISTEN/NOTIFY). After a lost connection every waiter
 * looks again, so a notification missed meanwhile delays no one.
 */
@Component
final class BatchWaiters implements SmartLifecycle {


  private static final Logger log = LoggerFactory.getLogger(BatchWaiters.class);
  private static final long RECONNECT_PAUSE_MS = 1_000;

  private final DataSource dataSource;
  private final Map<String, List<Runnable>> waiting = new ConcurrentHashMap<>();
  private volatile boolean running;
  private Thread listener;

  BatchWaiters(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs {@code check} whenever the batch may have moved, until {@link #stopWaiting} is called. */
  void waitFor(String batchId, Runnable check) {
    waiting.computeIfAbsent(batchId, id -> new CopyOnWriteArrayList<>()).add(check);
  }

  void stopWaiting(String batchId, Runnable check) {
    waiting.computeIfPresent(batchId, (id, checks) -> {
      checks.remove(check);
      return checks.isEmpty() ? null : checks;
    });
  }

  @Override
  public void start() {
    running = true;
    listener = new Thread(this::listen, "batch-waiters");
    listener.setDaemon(true);
    listener.start();
  }

  @Override
  public void stop() {
    running = false;
    listener.interrupt();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void listen() {
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        try (Statement listen = connection.createStatement()) {
          listen.execute("LISTEN " + DatabaseSchema.BATCH_CHANNEL);
        }
        waiting.values().forEach(checks -> checks.forEach(Runnable::run));
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notifications = pg.getNotifications(1_000);
          if (notifications != null) {
            for (PGNotification notification : notifications) {
              waiting.getOrDefault(notification.getParameter(), List.of()).forEach(Runnable::run);
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (running) {
          log.warn("lost the LISTEN connection ({}); listening again in {} ms", e.getMessage(), RECONNECT_PAUSE_MS);
          pause();
        }
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(RECONNECT_PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
