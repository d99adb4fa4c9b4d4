package dev.rowgate.dbwriter.persist;

import dev.rowgate.avro.Reason;
import dev.rowgate.schema.Column;
import dev.rowgate.schema.Values;
import dev.rowgate.service.sql.Sql;

/**
 * A reference column's check, in one place: the SQL condition that its row is there, and the
 * reason a row gets when it is not (rule {@code reference}).
 */
final class References {

  private References() {
  }

  /**
   * The condition that the value of {@code reference} in the row aliased {@code s} names a row of
   * the table it references (or, for an optional column, is null).
   */
  static String present(Column reference) {
    String value = "s." + Sql.name(reference.name());
    String exists = "EXISTS (SELECT 1 FROM " + Sql.name(reference.references().table()) + " r WHERE r."
        + Sql.name(reference.references().column()) + " = " + value + ")";
    return reference.required() ? exists : "(" + value + " IS NULL OR " + exists + ")";
  }

  /** The reason of a row whose {@code reference} holds {@code value}, which names no row of its table. */
  static Reason missing(Column reference, Object value) {
    return new Reason(reference.name(), Refusal.REFERENCE, reference.name() + " " + Values.text(value)
        + " names no row of " + reference.references().table());
  }
}
