package dev.rowgate.dbwriter.persist;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import dev.rowgate.avro.JsonValue;
import dev.rowgate.avro.Origin;
import dev.rowgate.avro.RawField;
import dev.rowgate.avro.Reason;
import dev.rowgate.avro.RejectedRow;
import dev.rowgate.avro.SourceOffset;
import dev.rowgate.dbwriter.errors.Reject;
import dev.rowgate.schema.Column;
import dev.rowgate.schema.Table;
import dev.rowgate.schema.ValidRowSchema;
import dev.rowgate.schema.Values;
import org.apache.avro.generic.GenericRecord;

/**
 * A valid row the writer did not write, and why: it names a referenced row that is not there (it
 * may wait for it), or the database refused it.
 */
record Refusal(GenericRecord row, List<Reason> reasons) {

  static final String REFERENCE = "reference";

  /** Whether every reason is a missing referenced row, which may still arrive. */
  boolean missesReferences() {
    return reasons.stream().allMatch(r -> REFERENCE.equals(r.getRule()));
  }

  /** The row as the writer refuses it, with its values as they were and where it came from. */
  Reject reject(Table table) {
    List<RawField> fields = new ArrayList<>();
    for (Column column : table.columns()) {
      Object value = row.get(column.name());
      fields.add(new RawField(column.name(), rawValue(value)));
    }
    return new Reject(new RejectedRow((Origin) row.get(ValidRowSchema.ORIGIN), (SourceOffset) row.get(ValidRowSchema.SOURCE),
        fields, null, reasons), Reject.Cause.REFUSED_BY_WRITER);
  }

  /** A typed value as a raw one: numbers and booleans as JSON has them, everything else as its text. */
  private static Object rawValue(Object value) {
    if (value == null || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigDecimal decimal) {
      return new JsonValue(decimal.toPlainString());
    }
    return Values.text(value);
  }
}
