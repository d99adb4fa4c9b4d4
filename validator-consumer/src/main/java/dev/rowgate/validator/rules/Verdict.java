package dev.rowgate.validator.rules;

import java.util.List;
import java.util.Map;

import dev.rowgate.avro.Reason;

/** What a table's definition says of a raw row: its typed values, or every reason it breaks a rule. */
public sealed interface Verdict {

  /** @param values each column's value, of its type (null for an optional column not given), in column order */
  record Valid(Map<String, Object> values) implements Verdict {
  }

  record Rejected(List<Reason> reasons) implements Verdict {
  }
}
