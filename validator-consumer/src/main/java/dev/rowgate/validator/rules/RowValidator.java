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
import dev.rowgate.schema.Broken;
import dev.rowgate.schema.Column;
import dev.rowgate.schema.ColumnCheck;
import dev.rowgate.schema.Table;

/**
 * Applies a table's definition to a raw row: every required column must be given (an optional one
 * may be missing, null or empty, and is then null or its default), every value must be of its
 * column's type and keep its rules, no field may be unknown or repeated, and a CSV record must
 * have a value for each column up to the last one that every row must give. Collects every
 * reason, not only the first.
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
    if (row.getOrigin().getChannel() == Channel.API_CSV) {
      checkWidth(table, row.getFields().size(), reasons);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Column column : table.columns()) {
      checkColumn(table.check(column), raw, values, reasons);
    }
    raw.keySet().stream().filter(name -> table.column(name).isEmpty()).sorted()
        .forEach(name -> reasons.add(new Reason(name, "unknown", name + " is not a column of " + table.name())));
    return reasons.isEmpty() ? new Verdict.Valid(values) : new Verdict.Rejected(reasons);
  }

  /** A CSV record gives a value for every column up to the last that every row must give, and no more than the columns. */
  private static void checkWidth(Table table, int width, List<Reason> reasons) {
    List<Column> columns = table.columns();
    int least = 0;
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).mustBeGiven()) {
        least = i + 1;
      }
    }
    if (width < least || width > columns.size()) {
      reasons.add(new Reason(null, "columns", "expected " + (least == columns.size() ? String.valueOf(least)
          : least + " to " + columns.size()) + " values, found " + width));
    }
  }

  private static void checkColumn(ColumnCheck check, Map<String, Object> raw, Map<String, Object> values,
                                  List<Reason> reasons) {
    Column column = check.column();
    Object value = raw.get(column.name());
    boolean empty = value instanceof String text && text.isEmpty();
    if (value == null || empty) {
      if (column.hasDefault() || !column.required()) {
        values.put(column.name(), check.defaultValue());
      } else {
        reasons.add(new Reason(column.name(), "required", column.name() + (empty ? " is empty"
            : raw.containsKey(column.name()) ? " is null" : " is missing")));
      }
      return;
    }
    try {
      values.put(column.name(), check.check(value));
    } catch (Broken broken) {
      reasons.add(broken.reason());
    }
  }
}
