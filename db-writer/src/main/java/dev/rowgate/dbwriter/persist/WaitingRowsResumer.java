package dev.rowgate.dbwriter.persist;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every second, writes the rows that waited for referenced rows which are there now, and refuses
 * those that waited long enough. Every writer instance does so; each takes rows the others have
 * not locked. A failed round (the database is away) is logged and the next one tries again.
 */
@Component
final class WaitingRowsResumer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WaitingRowsResumer.class);
  private static final long PERIOD_MS = 1_000;

  private final BatchWriter writer;
  private ScheduledExecutorService rounds;
  private boolean failing;

  WaitingRowsResumer(BatchWriter writer) {
    this.writer = writer;
  }

  @Override
  public void start() {
    rounds = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "reference-waits");
      thread.setDaemon(true);
      return thread;
    });
    rounds.scheduleWithFixedDelay(this::round, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  private void round() {
    try {
      writer.resumeWaiting();
      if (failing) {
        log.info("resuming the rows waiting for referenced rows works again");
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn("cannot resume the rows waiting for referenced rows, trying again every {} ms: {}", PERIOD_MS,
            e.getMessage());
        failing = true;
      } else {
        log.debug("still cannot resume the rows waiting for referenced rows: {}", e.getMessage());
      }
    }
  }

  @Override
  public void stop() {
    rounds.shutdown();
    try {
      if (!rounds.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("a round of resuming waiting rows did not end within 30 s; its transaction rolls back");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return rounds != null && !rounds.isShutdown();
  }
}
