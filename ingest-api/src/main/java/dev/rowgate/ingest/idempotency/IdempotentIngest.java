package dev.rowgate.ingest.idempotency;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.rowgate.ingest.publish.AcceptedBatch;
import dev.rowgate.service.Sha256;
import dev.rowgate.service.problem.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code Idempotency-Key} contract: the same key with the same request gets the first answer
 * and publishes nothing; with another request it gets 422; while the first request runs, 409.
 * The request is identified by a SHA-256 of what it asks: endpoint, table, options and content.
 */
@Component
public final class IdempotentIngest {

  private static final Logger log = LoggerFactory.getLogger(IdempotentIngest.class);
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final int MAX_KEY_LENGTH = 255;

  private final IdempotencyKeys keys;

  IdempotentIngest(IdempotencyKeys keys) {
    this.keys = keys;
  }

  /** For a request whose content is read before anything is published (a JSON batch). */
  public ResponseEntity<AcceptedBatch> run(String key, String request, byte[] content, Supplier<AcceptedBatch> ingest) {
    if (key == null) {
      return accepted(ingest.get());
    }
    check(key);
    MessageDigest digest = digest(request);
    digest.update(content);
    byte[] hash = digest.digest();
    Optional<IdempotencyKeys.Claim> claim = keys.claim(key, hash);
    if (claim.isEmpty()) {
      return replay(key, hash);
    }
    return complete(claim.get(), ingest, () -> hash);
  }

  /**
   * For a streamed request (a CSV file): the content is hashed while it is read and published.
   * A repeated key reads the content through to compare it, and publishes nothing.
   */
  public ResponseEntity<AcceptedBatch> runStreaming(String key, String request, InputStream content,
                                                    Function<InputStream, AcceptedBatch> ingest) {
    if (key == null) {
      return accepted(ingest.apply(content));
    }
    check(key);
    MessageDigest digest = digest(request);
    DigestInputStream hashing = new DigestInputStream(content, digest);
    Optional<IdempotencyKeys.Claim> claim = keys.claim(key, null);
    if (claim.isEmpty()) {
      IdempotencyKeys.Stored stored = keys.find(key).orElseThrow(() -> inProgress(key));
      if (!stored.complete()) {
        throw inProgress(key);
      }
      try {
        hashing.transferTo(OutputStream.nullOutputStream());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the request body", e);
      }
      return replay(key, digest.digest());
    }
    return complete(claim.get(), () -> ingest.apply(hashing), digest::digest);
  }

  private ResponseEntity<AcceptedBatch> complete(IdempotencyKeys.Claim claim, Supplier<AcceptedBatch> ingest,
                                                 Supplier<byte[]> hash) {
    AcceptedBatch accepted;
    try {
      accepted = ingest.get();
    } catch (RuntimeException e) {
      release(claim, e);
      throw e;
    }
    if (!keys.complete(claim, hash.get(), accepted.batchId(), HttpStatus.ACCEPTED.value(),
        JSON.writeValueAsString(accepted))) {
      log.warn("batch {}: the Idempotency-Key '{}' was taken over by another request while this one ran (its lease "
          + "could not be renewed); the key keeps the other request's answer", accepted.batchId(), claim.key());
    }
    return accepted(accepted);
  }

  /**
   * Frees the key of a request that failed. Should the database refuse that too, the request still
   * answers with its own failure, and the key is free once its lease runs out.
   */
  private void release(IdempotencyKeys.Claim claim, RuntimeException failure) {
    try {
      keys.release(claim);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
      log.warn("cannot free the Idempotency-Key '{}' of a failed request; it is free when its lease runs out: {}",
          claim.key(), e.getMessage());
    }
  }

  private ResponseEntity<AcceptedBatch> replay(String key, byte[] hash) {
    IdempotencyKeys.Stored stored = keys.find(key).orElseThrow(() -> inProgress(key));
    if (stored.hash() != null && !Arrays.equals(stored.hash(), hash)) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused",
          "The Idempotency-Key '" + key + "' was used for a different request; use a new key for new content");
    }
    if (!stored.complete()) {
      throw inProgress(key);
    }
    AcceptedBatch first = JSON.readValue(stored.response(), AcceptedBatch.class);
    return ResponseEntity.status(stored.status()).location(URI.create(first.status()))
        .header("Idempotent-Replayed", "true").body(first);
  }

  public static ResponseEntity<AcceptedBatch> accepted(AcceptedBatch accepted) {
    return ResponseEntity.accepted().location(URI.create(accepted.status())).body(accepted);
  }

  private static ApiException inProgress(String key) {
    return new ApiException(HttpStatus.CONFLICT, "idempotency-key-in-use", "Request in progress",
        "A request with the Idempotency-Key '" + key + "' is still running; ask again when it has finished");
  }

  private static void check(String key) {
    if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
      throw ApiException.badRequest("bad-idempotency-key", "Bad Idempotency-Key",
          "An Idempotency-Key has 1 to " + MAX_KEY_LENGTH + " characters");
    }
  }

  private static MessageDigest digest(String request) {
    MessageDigest digest = Sha256.digest();
    digest.update(request.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    return digest;
  }

}
