package dev.rowgate.schema;

import dev.rowgate.avro.Reason;

/** A rule that a value of a column breaks: the reason a row is rejected for it. */
public final class Broken extends Exception {

  private final transient Reason reason;

  Broken(String column, String rule, String message) {
    super(column + " " + message, null, false, false);
    this.reason = new Reason(column, rule, column + " " + message);
  }

  public Reason reason() {
    return reason;
  }
}
