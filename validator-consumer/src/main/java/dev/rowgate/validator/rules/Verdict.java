package dev.rowgate.validator.rules;

import java.util.List;
import java.util.Map;

import dev.rowgate.avro.Reason;

/** What the data dictionary says of a raw row: its typed values, or every reason it breaks a rule. */
public sealed interface Verdict {

  /** @param values each column's value: Integer, String or Instant */
  record Valid(Map<String, Object> values) implements Verdict {
  }

  record Rejected(List<Reason> reasons) implements Verdict {
  }
}
