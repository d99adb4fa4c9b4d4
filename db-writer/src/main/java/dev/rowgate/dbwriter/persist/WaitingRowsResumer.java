package dev.rowgate.dbwriter.persist;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
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
  private final TaskScheduler scheduler;
  /** Held by a round while it runs, so that stopping waits for it. */
  private final ReentrantLock running = new ReentrantLock();
  private volatile ScheduledFuture<?> rounds;
  private boolean failing;

  WaitingRowsResumer(BatchWriter writer, TaskScheduler scheduler) {
    this.writer = writer;
    this.scheduler = scheduler;
  }

  @Override
  public void start() {
    rounds = scheduler.scheduleWithFixedDelay(this::round, Instant.now().plusMillis(PERIOD_MS),
        Duration.ofMillis(PERIOD_MS));
  }

  private void round() {
    if (!running.tryLock()) {
      return;
    }
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
    } finally {
      running.unlock();
    }
  }

  @Override
  public void stop() {
    rounds.cancel(false);
    try {
      if (running.tryLock(30, TimeUnit.SECONDS)) {
        running.unlock();
      } else {
        log.warn("a round of resuming waiting rows did not end within 30 s; its transaction rolls back");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return rounds != null && !rounds.isCancelled();
  }
}
