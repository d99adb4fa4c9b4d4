package dev.rowgate.ingest.idempotency;

import java.util.Optional;

import dev.rowgate.ingest.IngestProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code idempotency_keys}: a request claims its key before it publishes anything and stores its
 * answer when done. A claim older than the claim timeout belongs to a request that died and may
 * be taken over; a key older than the retention is forgotten, whatever it answered, and deleted
 * by the next sweep ({@code Retention}).
 */
@Component
final class IdempotencyKeys {

  private static final String CLAIM = """
      INSERT INTO idempotency_keys AS k (key, request_hash) VALUES (:key, :hash)
      ON CONFLICT (key) DO UPDATE SET request_hash = EXCLUDED.request_hash, created_at = now(), batch_id = NULL,
                                      status = NULL, response = NULL, completed_at = NULL
        WHERE k.response IS NULL AND k.created_at < now() - make_interval(secs => :claimSeconds)
           OR k.created_at < now() - make_interval(secs => :retentionSeconds)
      RETURNING key""";

  private static final String FIND = """
      SELECT request_hash, status, response, batch_id FROM idempotency_keys WHERE key = :key""";

  private static final String COMPLETE = """
      UPDATE idempotency_keys SET request_hash = :hash, batch_id = :batchId, status = :status,
                                  response = :response, completed_at = now()
      WHERE key = :key""";

  private static final String RELEASE = "DELETE FROM idempotency_keys WHERE key = :key AND response IS NULL";

  /** What is stored for a key; status and response are null while its request runs. */
  record Stored(byte[] hash, Integer status, String response, String batchId) {
    boolean complete() {
      return response != null;
    }
  }

  private final JdbcClient jdbc;
  private final long claimSeconds;
  private final long retentionSeconds;

  IdempotencyKeys(JdbcClient jdbc, IngestProperties properties) {
    this.jdbc = jdbc;
    this.claimSeconds = properties.idempotencyClaim().toSeconds();
    this.retentionSeconds = properties.idempotencyRetention().toSeconds();
  }

  /** True when this request now holds the key; {@code hash} may be null until the body is read. */
  boolean claim(String key, byte[] hash) {
    return jdbc.sql(CLAIM).param("key", key).param("hash", hash).param("claimSeconds", claimSeconds)
        .param("retentionSeconds", retentionSeconds).query(String.class).optional().isPresent();
  }

  Optional<Stored> find(String key) {
    return jdbc.sql(FIND).param("key", key)
        .query((rs, i) -> new Stored(rs.getBytes(1), (Integer) rs.getObject(2), rs.getString(3), rs.getString(4)))
        .optional();
  }

  void complete(String key, byte[] hash, String batchId, int status, String response) {
    jdbc.sql(COMPLETE).param("key", key).param("hash", hash).param("batchId", batchId).param("status", status)
        .param("response", response).update();
  }

  void release(String key) {
    jdbc.sql(RELEASE).param("key", key).update();
  }
}
