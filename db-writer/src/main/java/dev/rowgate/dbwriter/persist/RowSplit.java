package dev.rowgate.dbwriter.persist;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.rowgate.avro.Origin;
import dev.rowgate.avro.RawField;
import dev.rowgate.avro.Reason;
import dev.rowgate.avro.RejectedRow;
import dev.rowgate.avro.SourceOffset;
import dev.rowgate.dbwriter.errors.Reject;
import dev.rowgate.schema.Column;
import dev.rowgate.schema.Table;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * The valid rows of one table in a poll, sorted for writing: those naming a missing referenced
 * row are set apart; of the others, the last row of each id wins, and it is new (its id is not in
 * the table: it can be copied in) or replaces a row (it must be upserted).
 *
 * @param refused  rows naming a missing referenced row, with their reasons
 * @param fresh    the last row of each id the table does not hold
 * @param existing the last row of each id the table holds
 */
record RowSplit(List<Refusal> refused, List<GenericRecord> fresh, List<GenericRecord> existing) {

  /** Which of these ids a table holds. */
  @FunctionalInterface
  interface Ids {
    Set<Integer> present(String table, int[] ids);
  }

  static RowSplit of(Table table, List<GenericRecord> rows, Ids ids) {
    Map<String, Set<Integer>> present = new HashMap<>();
    for (Column reference : table.referenceColumns()) {
      present.put(reference.name(), ids.present(reference.references(),
          rows.stream().mapToInt(r -> (Integer) r.get(reference.name())).distinct().toArray()));
    }
    List<Refusal> refused = new ArrayList<>();
    Map<Integer, GenericRecord> latest = new LinkedHashMap<>();
    String key = table.key().name();
    for (GenericRecord row : rows) {
      List<Reason> reasons = new ArrayList<>();
      present.forEach((column, found) -> {
        Object value = row.get(column);
        if (!found.contains((Integer) value)) {
          String target = table.column(column).orElseThrow().references();
          reasons.add(new Reason(column, Refusal.REFERENCE, column + " " + value + " names no row of " + target));
        }
      });
      if (reasons.isEmpty()) {
        latest.put((Integer) row.get(key), row);
      } else {
        refused.add(new Refusal(row, reasons));
      }
    }
    Set<Integer> held = latest.isEmpty() ? Set.of()
        : ids.present(table.name(), latest.keySet().stream().mapToInt(Integer::intValue).toArray());
    List<GenericRecord> fresh = new ArrayList<>();
    List<GenericRecord> existing = new ArrayList<>();
    latest.forEach((id, row) -> (held.contains(id) ? existing : fresh).add(row));
    return new RowSplit(refused, fresh, existing);
  }

  /** A valid row the writer refuses, with its values as they were and where it came from. */
  static Reject refuse(GenericRecord row, List<Reason> reasons) {
    List<RawField> fields = new ArrayList<>();
    for (Schema.Field field : row.getSchema().getFields()) {
      Object value = row.get(field.pos());
      if (value instanceof Integer number) {
        fields.add(new RawField(field.name(), number.longValue()));
      } else if (value instanceof String || value instanceof Instant) {
        fields.add(new RawField(field.name(), value.toString()));
      }
    }
    return new Reject(new RejectedRow((Origin) row.get("origin"), (SourceOffset) row.get("source"), fields, null,
        reasons), Reject.Cause.REFUSED_BY_WRITER);
  }
}
