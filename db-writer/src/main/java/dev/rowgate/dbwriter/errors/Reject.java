package dev.rowgate.dbwriter.errors;

import dev.rowgate.avro.RejectedRow;

/**
 * A refused row on its way to {@code <table>_errors}.
 *
 * @param row   the row, its reasons and where it came from
 * @param cause who refused it, which decides how the batch counts it
 */
public record Reject(RejectedRow row, Cause cause) {

  /** Who refused a row. */
  public enum Cause {
    /** A row of the rejected topic: the validator refused it. */
    VALIDATOR("validator"),
    /** A valid row the writer refused: a missing referenced row, or a constraint of the database. */
    REFUSED_BY_WRITER("writer"),
    /** A record of the valid topic the writer could not read. */
    UNDECODABLE("writer");

    private final String stage;

    Cause(String stage) {
      this.stage = stage;
    }

    /** The stage column of the errors table. */
    public String stage() {
      return stage;
    }
  }
}
