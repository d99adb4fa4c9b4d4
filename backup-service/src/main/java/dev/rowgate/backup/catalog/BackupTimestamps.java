package dev.rowgate.backup.catalog;

import java.time.Instant;

import dev.rowgate.service.copy.CopyText;

/**
 * A {@code timestamptz} in a backup: Avro's timestamp-micros, microseconds since 1970 in UTC, with
 * PostgreSQL's {@code infinity} and {@code -infinity} as the largest and smallest long. PostgreSQL
 * counts microseconds since 2000, and its years run from 4713 BC to 294276 AD; the last 29 of
 * them are beyond what a long of microseconds since 1970 holds.
 */
public final class BackupTimestamps {

  private static final long MICROS_1970_TO_2000 = 946_684_800_000_000L;
  private static final long LAST = Long.MAX_VALUE - 1;

  private BackupTimestamps() {
  }

  /**
   * The backup's value of a time in COPY's binary form, microseconds since 2000; a time that it
   * cannot hold is refused.
   */
  public static long fromPostgres(long micros2000) {
    if (micros2000 == Long.MAX_VALUE || micros2000 == Long.MIN_VALUE) {
      return micros2000;
    }
    if (micros2000 > LAST - MICROS_1970_TO_2000) {
      throw new IllegalArgumentException("a time after " + copyText(LAST) + ", the last one a backup holds");
    }
    return micros2000 + MICROS_1970_TO_2000;
  }

  /** The backup's value as COPY text: an ISO-8601 time in UTC, with BC for years before 1. */
  public static String copyText(long micros) {
    if (micros == Long.MAX_VALUE) {
      return "infinity";
    }
    if (micros == Long.MIN_VALUE) {
      return "-infinity";
    }
    return CopyText.timestampText(
        Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000));
  }
}
