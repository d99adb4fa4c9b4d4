package dev.rowgate.ingest.batch;

import java.time.Duration;
import java.time.Instant;

import dev.rowgate.ingest.IngestProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Forgets the status of batches that are older than the retention, a few
 * thousand at a time, so {@code ingest_batches} does not grow for ever. Their rejected rows stay in
 * the errors tables. Every instance sweeps; a row deleted twice is deleted once.
 */
@Component
final class BatchRetention {

  private static final String FORGET = """
      DELETE FROM ingest_batches WHERE id IN (
        SELECT id FROM ingest_batches WHERE created_at < now() - make_interval(secs => :retentionSeconds)
        LIMIT :limit)""";

  private static final int FORGET_AT_ONCE = 10_000;

  private static final Logger log = LoggerFactory.getLogger(BatchRetention.class);

  private final JdbcClient jdbc;
  private final long retentionSeconds;

  BatchRetention(JdbcClient jdbc, IngestProperties properties, TaskScheduler scheduler) {
    this.jdbc = jdbc;
    this.retentionSeconds = properties.batchRetention().toSeconds();
    Duration sweep = properties.sweep();
    scheduler.scheduleWithFixedDelay(this::forgetExpired, Instant.now().plus(sweep), sweep);
  }

  private void forgetExpired() {
    int forgotten = 0;
    int deleted;
    do {
      deleted = jdbc.sql(FORGET).param("retentionSeconds", retentionSeconds).param("limit", FORGET_AT_ONCE).update();
      forgotten += deleted;
    } while (deleted == FORGET_AT_ONCE);
    if (forgotten > 0) {
      log.info("forgot the status of {} batches older than {}s", forgotten, retentionSeconds);
    }
  }
}
