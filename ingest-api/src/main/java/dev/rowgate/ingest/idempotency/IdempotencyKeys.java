package dev.rowgate.ingest.idempotency;

import java.util.Optional;
import java.util.UUID;

import dev.rowgate.ingest.IngestProperties;
import dev.rowgate.ingest.RequestLeases;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code idempotency_keys}: a request claims its key before it publishes anything and stores its
 * answer when done. A claim is leased to its request's instance ({@link RequestLeases}); a claim
 * whose lease ran out belongs to a request whose instance stopped (or lost the database for longer
 * than the lease), and may be taken over; each claim's token keeps the request that lost it from
 * writing over the new one. A key older than the retention is forgotten, whatever it answered,
 * and deleted by the next sweep ({@code Retention}).
 */
@Component
final class IdempotencyKeys {

  private static final String CLAIM = """
      INSERT INTO idempotency_keys AS k (key, request_hash, claimed_until, claim_token)
      VALUES (:key, :hash, now() + make_interval(secs => :leaseSeconds), :token)
      ON CONFLICT (key) DO UPDATE SET request_hash = EXCLUDED.request_hash, created_at = now(), batch_id = NULL,
                                      status = NULL, response = NULL, completed_at = NULL,
                                      claimed_until = EXCLUDED.claimed_until, claim_token = EXCLUDED.claim_token
        WHERE k.response IS NULL AND k.claimed_until < now()
           OR k.created_at < now() - make_interval(secs => :retentionSeconds)
      RETURNING key""";

  private static final String FIND = """
      SELECT request_hash, status, response, batch_id FROM idempotency_keys WHERE key = :key""";

  private static final String COMPLETE = """
      UPDATE idempotency_keys SET request_hash = :hash, batch_id = :batchId, status = :status,
                                  response = :response, completed_at = now(), claimed_until = NULL
      WHERE key = :key AND claim_token = :token""";

  private static final String RELEASE = """
      DELETE FROM idempotency_keys WHERE key = :key AND claim_token = :token AND response IS NULL""";

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

  /** A request's hold on its key; the token fences what it writes once its lease was taken over. */
  record Claim(String key, UUID token) {
  }

  /**
   * This request's claim on the key, held until {@link #complete} or {@link #release}; empty when
   * the key belongs to another request. {@code hash} may be null until the body is read.
   */
  Optional<Claim> claim(String key, byte[] hash) {
    Claim claim = new Claim(key, UUID.randomUUID());
    boolean claimed = jdbc.sql(CLAIM).param("key", key).param("hash", hash).param("token", claim.token())
        .param("leaseSeconds", leases.seconds()).param("retentionSeconds", retentionSeconds).query(String.class)
        .optional().isPresent();
    if (!claimed) {
      return Optional.empty();
    }
    leases.holdKey(claim.token());
    return Optional.of(claim);
  }

  Optional<Stored> find(String key) {
    return jdbc.sql(FIND).param("key", key)
        .query((rs, i) -> new Stored(rs.getBytes(1), (Integer) rs.getObject(2), rs.getString(3), rs.getString(4)))
        .optional();
  }

  /** Stores the answer under the key; false when the claim's lease ran out and another request took the key. */
  boolean complete(Claim claim, byte[] hash, String batchId, int status, String response) {
    try {
      return jdbc.sql(COMPLETE).param("key", claim.key()).param("token", claim.token()).param("hash", hash)
          .param("batchId", batchId).param("status", status).param("response", response).update() == 1;
    } finally {
      leases.releaseKey(claim.token());
    }
  }

  /** Frees the key for another request, unless another request took it over already. */
  void release(Claim claim) {
    try {
      jdbc.sql(RELEASE).param("key", claim.key()).param("token", claim.token()).update();
    } finally {
      leases.releaseKey(claim.token());
    }
  }
}
