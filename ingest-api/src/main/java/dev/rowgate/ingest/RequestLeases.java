package dev.rowgate.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * What this instance's running requests hold: the batch an upload is filling and the
 * Idempotency-Key it answers for. Each is leased in the database and renewed every quarter of the
 * lease while its request runs, however long that is. If the instance stops, its leases run out:
 * the batch shows as abandoned and another request may take the key over.
 */
@Component
public final class RequestLeases {

  private static final String RENEW_BATCHES = """
      UPDATE ingest_batches SET receiving_until = now() + make_interval(secs => :leaseSeconds)
      WHERE id IN (:ids) AND received IS NULL AND failure IS NULL""";

  private static final String RENEW_KEYS = """
      UPDATE idempotency_keys SET claimed_until = now() + make_interval(secs => :leaseSeconds)
      WHERE claim_token IN (:ids) AND response IS NULL""";

  private static final Logger log = LoggerFactory.getLogger(RequestLeases.class);

  private final JdbcClient jdbc;
  private final double leaseSeconds;
  private final Set<String> batches = ConcurrentHashMap.newKeySet();
  private final Set<UUID> keys = ConcurrentHashMap.newKeySet();

  RequestLeases(JdbcClient jdbc, IngestProperties properties, TaskScheduler scheduler) {
    this.jdbc = jdbc;
    this.leaseSeconds = properties.lease().toMillis() / 1000.0;
    Duration renewal = properties.lease().dividedBy(4);
    scheduler.scheduleWithFixedDelay(this::renew, Instant.now().plus(renewal), renewal);
  }

  /** The lease in seconds, for the statement that takes a batch or a key. */
  public double seconds() {
    return leaseSeconds;
  }

  public void holdBatch(String id) {
    batches.add(id);
  }

  public void releaseBatch(String id) {
    batches.remove(id);
  }

  /** @param claim the token of a request's claim on its Idempotency-Key */
  public void holdKey(UUID claim) {
    keys.add(claim);
  }

  public void releaseKey(UUID claim) {
    keys.remove(claim);
  }

  private void renew() {
    renew(RENEW_BATCHES, batches, "uploads");
    renew(RENEW_KEYS, keys, "Idempotency-Keys");
  }

  private void renew(String sql, Set<?> held, String what) {
    List<?> ids = List.copyOf(held);
    if (ids.isEmpty()) {
      return;
    }
    try {
      jdbc.sql(sql).param("ids", ids).param("leaseSeconds", leaseSeconds).update();
    } catch (DataAccessException e) {
      log.warn("cannot renew the leases of {} {}; others may take them over if this lasts: {}", ids.size(), what,
          e.getMessage());
    }
  }
}
