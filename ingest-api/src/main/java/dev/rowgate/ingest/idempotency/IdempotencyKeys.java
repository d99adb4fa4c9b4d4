package dev.rowgate.ingest.idempotency;

import java.util.Optional;

import dev.rowgate.ingest.IngestProperties;
import dev.rowgate.ingest.RequestLeases;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code idempotency_keys}: a request claims its key before it publishes anything and stores its
 * answer when done. A claim is leased to its request's instance ({@link RequestLeases}); a claim
 * whose lease ran out belongs to a request whose instance stopped, and may be taken over. A key
 * older than the retention is forgotten, whatever it answered, and deleted by the next sweep
 * ({@code Retention}).
 */
@Component
final class IdempotencyKeys {

  private static final String CLAIM = """
      INSERT INTO idempotency_keys AS k (key, request_hash, claimed_until)
      VALUES (:key, :hash, now() + make_interval(secs => :leaseSeconds))
      ON CONFLICT (key) DO UPDATE SET request_hash = EXCLUDED.request_hash, created_at = now(), batch_id = NULL,
                                      status = NULL, response = NULL, completed_at = NULL,
                                      claimed_until = EXCLUDED.claimed_until
        WHERE k.response IS NULL AND k.claimed_until < now()
           OR k.created_at < now() - make_interval(secs => :retentionSeconds)
      RETURNING key""";

  private static final String FIND = """
      SELECT request_hash, status, response, batch_id FROM idempotency_keys WHERE key = :key""";

  private static final String COMPLETE = """
      UPDATE idempotency_keys SET request_hash = :hash, batch_id = :batchId, status = :status,
                                  response = :response, completed_at = now(), claimed_until = NULL
      WHERE key = :key""";

  private static final String RELEASE = "DELETE FROM idempotency_keys WHERE key = :key AND response IS NULL";

  /** What is stored for a key; status and response are null while its request runs. */
  record Stored(byte[] hash, Integer status, String response, String batchId) {
    boolean complete() {
      return response != null;
    }
  }

  private final JdbcClient jdbc;
  private final RequestLeases leases;
  private final long retentionSeconds;

  IdempotencyKeys(JdbcClient jdbc, RequestLeases leases, IngestProperties properties) {
    this.jdbc = jdbc;
    this.leases = leases;
    this.retentionSeconds = properties.idempotencyRetention().toSeconds();
  }

  /**
   * True when this request now holds the key, until {@link #complete} or {@link #release};
   * {@code hash} may be null until the body is read.
   */
  boolean claim(String key, byte[] hash) {
    boolean claimed = jdbc.sql(CLAIM).param("key", key).param("hash", hash).param("leaseSeconds", leases.seconds())
        .param("retentionSeconds", retentionSeconds).query(String.class).optional().isPresent();
    if (claimed) {
      leases.holdKey(key);
    }
    return claimed;
  }

  Optional<Stored> find(String key) {
    return jdbc.sql(FIND).param("key", key)
        .query((rs, i) -> new Stored(rs.getBytes(1), (Integer) rs.getObject(2), rs.getString(3), rs.getString(4)))
        .optional();
  }

  void complete(String key, byte[] hash, String batchId, int status, String response) {
    try {
      jdbc.sql(COMPLETE).param("key", key).param("hash", hash).param("batchId", batchId).param("status", status)
          .param("response", response).update();
    } finally {
      leases.releaseKey(key);
    }
  }

  void release(String key) {
    try {
      jdbc.sql(RELEASE).param("key", key).update();
    } finally {
      leases.releaseKey(key);
    }
  }
}
