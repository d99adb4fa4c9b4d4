package dev.rowgate.validator.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rowgate.avro.Channel;
import dev.rowgate.avro.RawField;
import dev.rowgate.avro.RawRow;
import dev.rowgate.avro.Reason;
import dev.rowgate.schema.Column;
import dev.rowgate.schema.Table;

/**
 * Applies the data dictionary to a raw row: every column is required and must keep its rules, no
 * field may be unknown or repeated, and a CSV record must have as many values as the table has
 * columns. Collects every reason, not only the first.
 */
public final class RowValidator {

  private RowValidator() {
  }

  public static Verdict validate(Table table, RawRow row) {
    List<Reason> reasons = new ArrayList<>();
    Map<String, Object> raw = new HashMap<>(8);
    for (RawField field : row.getFields()) {
      if (raw.containsKey(field.getName()) && reasons.stream().noneMatch(r -> field.getName().equals(r.getField()))) {
        reasons.add(new Reason(field.getName(), "duplicate", field.getName() + " is given more than once"));
      }
      raw.put(field.getName(), field.getValue());
    }
    if (row.getOrigin().getChannel() == Channel.API_CSV && row.getFields().size() != table.columns().size()) {
      reasons.add(new Reason(null, "columns", "expected " + table.columns().size() + " values, found "
          + row.getFields().size()));
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Column column : table.columns()) {
      checkColumn(column, raw, values, reasons);
    }
    raw.keySet().stream().filter(name -> table.column(name).isEmpty()).sorted()
        .forEach(name -> reasons.add(new Reason(name, "unknown", name + " is not a column of " + table.name())));
    return reasons.isEmpty() ? new Verdict.Valid(values) : new Verdict.Rejected(reasons);
  }

  private static void checkColumn(Column column, Map<String, Object> raw, Map<String, Object> values,
                                  List<Reason> reasons) {
    if (!raw.containsKey(column.name())) {
      reasons.add(new Reason(column.name(), "required", column.name() + " is missing"));
      return;
    }
    Object value = raw.get(column.name());
    if (value == null) {
      reasons.add(new Reason(column.name(), "required", column.name() + " is null"));
      return;
    }
    try {
      values.put(column.name(), ColumnCheck.check(column, value));
    } catch (ColumnCheck.Broken broken) {
      reasons.add(broken.reason());
    }
  }
}
