package dev.rowgate.validator.route;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.rowgate.avro.Origin;
import dev.rowgate.avro.Reason;
import dev.rowgate.schema.OriginLimits;

/**
 * What a producer may put in a row's origin, bounded by what the pipeline stores. A batch id or
 * file name longer than any of the ingest API's (a producer's header, say), or with a NUL
 * character, which PostgreSQL cannot store, names no batch or file: it is dropped from the
 * origin, and the row is rejected for it. So is a receive time outside the years 1 to 9999, which
 * becomes the time Kafka stamped on the raw record.
 */
final class OriginBounds {

  private static final Instant FIRST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999Z");

  private OriginBounds() {
  }

  /** Brings the origin within bounds and returns a reason for each thing it changed. */
  static List<Reason> check(Origin origin, long kafkaTimestamp) {
    List<Reason> reasons = new ArrayList<>(3);
    if (origin.getReceivedAt().isBefore(FIRST_INSTANT) || origin.getReceivedAt().isAfter(LAST_INSTANT)) {
      reasons.add(new Reason(null, "received_at", "the receive time " + origin.getReceivedAt()
          + " is not in the years 1 to 9999"));
      origin.setReceivedAt(Instant.ofEpochMilli(kafkaTimestamp));
    }
    problem(origin.getBatchId(), OriginLimits.MAX_BATCH_ID).ifPresent(problem -> {
      reasons.add(new Reason(null, "batch_id", "the batch id " + problem));
      origin.setBatchId(null);
    });
    problem(origin.getFileName(), OriginLimits.MAX_FILE_NAME).ifPresent(problem -> {
      reasons.add(new Reason(null, "file_name", "the file name " + problem));
      origin.setFileName(null);
    });
    return reasons;
  }

  private static Optional<String> problem(String text, int maxLength) {
    if (text == null) {
      return Optional.empty();
    }
    if (text.length() > maxLength) {
      return Optional.of("has " + text.length() + " characters, more than " + maxLength);
    }
    return text.indexOf('\0') >= 0 ? Optional.of("contains a NUL character") : Optional.empty();
  }
}
