package dev.rowgate.dbwriter.errors;

import dev.rowgate.avro.RejectedRow;

/**
 * A refused row on its way to {@code <table>_errors}.
 *
 * @param row   the row, its reasons and where it came from
 * @param stage {@code validator} for rows of the rejected topic, {@code writer} for rows the writer refused
 */
public record Reject(RejectedRow row, String stage) {

  public static final String VALIDATOR = "validator";
  public static final String WRITER = "writer";
}
