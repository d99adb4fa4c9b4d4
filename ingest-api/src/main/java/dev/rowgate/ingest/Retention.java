package dev.rowgate.ingest;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * What the ingest API forgets: Idempotency-Keys older than their retention, and the status of
 * batches older than theirs (their rejected rows stay in the errors tables). Every instance
 * sweeps, every {@code rowgate.ingest.sweep}, a few thousand rows at a time; a row deleted twice
 * is deleted once.
 */
@Component
final class Retention {

  private static final String FORGET_KEYS = """
      DELETE FROM idempotency_keys WHERE key IN (
        SELECT key FROM idempotency_keys WHERE created_at < now() - make_interval(secs => :retentionSeconds)
        LIMIT :limit)""";

  private static final String FORGET_BATCHES = """
      DELETE FROM ingest_batches WHERE id IN (
        SELECT id FROM ingest_batches WHERE created_at < now() - make_interval(secs => :retentionSeconds)
        LIMIT :limit)""";

  private static final int FORGET_AT_ONCE = 10_000;

  private static final Logger log = LoggerFactory.getLogger(Retention.class);

  private final JdbcClient jdbc;
  private final IngestProperties properties;

  Retention(JdbcClient jdbc, IngestProperties properties, TaskScheduler scheduler) {
    this.jdbc = jdbc;
    this.properties = properties;
    Duration sweep = properties.sweep();
    scheduler.scheduleWithFixedDelay(this::sweep, Instant.now().plus(sweep), sweep);
  }

  private void sweep() {
    forget("Idempotency-Keys", FORGET_KEYS, properties.idempotencyRetention());
    forget("batch statuses", FORGET_BATCHES, properties.batchRetention());
  }

  private void forget(String what, String sql, Duration retention) {
    int forgotten = 0;
    int deleted;
    do {
      deleted = jdbc.sql(sql).param("retentionSeconds", retention.toSeconds()).param("limit", FORGET_AT_ONCE).update();
      forgotten += deleted;
    } while (deleted == FORGET_AT_ONCE);
    if (forgotten > 0) {
      log.info("forgot {} {} older than {}", forgotten, what, retention);
    }
  }
}
