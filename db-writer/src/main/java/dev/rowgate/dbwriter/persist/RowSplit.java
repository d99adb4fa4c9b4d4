package dev.rowgate.dbwriter.persist;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.rowgate.avro.Reason;
import dev.rowgate.schema.Column;
import dev.rowgate.schema.ColumnType;
import dev.rowgate.schema.RowKeys;
import dev.rowgate.schema.Table;
import dev.rowgate.schema.Values;
import org.apache.avro.generic.GenericRecord;

/**
 * The valid rows of one table in a poll, sorted for writing: those naming a missing referenced
 * row are set apart (the referenced rows that are there are locked, so they stay there until the
 * rows naming them are written and committed); of the others, the last row of each key wins, and it is new (its key is not
 * in the table: it can be copied in) or replaces a row (it must be upserted).
 *
 * @param refused  rows naming a missing referenced row, with their reasons
 * @param fresh    the last row of each key the table does not hold
 * @param existing the last row of each key the table holds
 */
record RowSplit(List<Refusal> refused, List<GenericRecord> fresh, List<GenericRecord> existing) {

  /**
   * Which of these keys a table holds, as key texts ({@link RowKeys#text}); with {@code lock}, the
   * rows of those keys are locked {@code FOR KEY SHARE} until the transaction ends.
   */
  @FunctionalInterface
  interface Keys {
    Set<String> present(String table, List<String> columns, List<ColumnType> types, Collection<List<Object>> keys,
                        boolean lock);
  }

  /**
   * @param probeHeld false to take every row for new without asking the table (the writer then
   *                  copies them all, and upserts them all should the table refuse the copy)
   */
  static RowSplit of(Table table, List<GenericRecord> rows, Keys keys, boolean probeHeld) {
    Map<String, Set<String>> present = new HashMap<>();
    for (Column reference : table.referenceColumns()) {
      Set<List<Object>> named = new LinkedHashSet<>();
      rows.forEach(row -> {
        Object value = row.get(reference.name());
        if (value != null) {
          named.add(List.of(value));
        }
      });
      present.put(reference.name(), named.isEmpty() ? Set.of() : keys.present(reference.references().table(),
          List.of(reference.references().column()), List.of(reference.type()), named, true));
    }
    List<Refusal> refused = new ArrayList<>();
    Map<String, GenericRecord> latest = new LinkedHashMap<>();
    Map<String, List<Object>> keyValues = new HashMap<>();
    for (GenericRecord row : rows) {
      List<Reason> reasons = new ArrayList<>();
      for (Column reference : table.referenceColumns()) {
        Object value = row.get(reference.name());
        if (value != null && !present.get(reference.name()).contains(Values.text(value))) {
          reasons.add(References.missing(reference, value));
        }
      }
      if (reasons.isEmpty()) {
        List<Object> key = RowKeys.values(table, row);
        String text = RowKeys.text(key);
        latest.put(text, row);
        keyValues.put(text, key);
      } else {
        refused.add(new Refusal(row, reasons));
      }
    }
    Set<String> held = latest.isEmpty() || !probeHeld ? Set.of() : keys.present(table.name(),
        table.keyColumns().stream().map(Column::name).toList(), table.keyColumns().stream().map(Column::type).toList(),
        latest.keySet().stream().map(keyValues::get).toList(), false);
    List<GenericRecord> fresh = new ArrayList<>();
    List<GenericRecord> existing = new ArrayList<>();
    latest.forEach((key, row) -> (held.contains(key) ? existing : fresh).add(row));
    return new RowSplit(refused, fresh, existing);
  }
}
