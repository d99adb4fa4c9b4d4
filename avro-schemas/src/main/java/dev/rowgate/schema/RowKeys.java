package dev.rowgate.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.rowgate.avro.RawField;
import org.apache.avro.generic.GenericRecord;
import tools.jackson.databind.json.JsonMapper;

/**
 * A row's key as text: the Kafka key of its records (one key, one partition, so the versions of a
 * row stay in order) and the key of a row waiting for a referenced one. A one-column key is its
 * value as text ({@link Values#text}); a key of several columns is a JSON array of those texts.
 * A raw row has the key its values will have once valid, so that all spellings of one key
 * ({@code 42}, {@code "0042"}) land on one partition.
 */
public final class RowKeys {

  private static final JsonMapper JSON = JsonMapper.shared();

  private RowKeys() {
  }

  /** The key of typed values, in the order of the key's columns. */
  public static String text(List<?> values) {
    if (values.size() == 1) {
      return Values.text(values.get(0));
    }
    List<String> texts = new ArrayList<>(values.size());
    values.forEach(value -> texts.add(Values.text(value)));
    return JSON.writeValueAsString(texts);
  }

  /** The key of a valid row's values, by column name. */
  public static String of(Table table, Map<String, Object> values) {
    List<Object> key = new ArrayList<>(table.keyColumns().size());
    table.keyColumns().forEach(column -> key.add(values.get(column.name())));
    return text(key);
  }

  /** The key of a valid row's record. */
  public static String of(Table table, GenericRecord row) {
    return text(values(table, row));
  }

  /** The values of a valid row's key, in the key's order. */
  public static List<Object> values(Table table, GenericRecord row) {
    List<Object> key = new ArrayList<>(table.keyColumns().size());
    table.keyColumns().forEach(column -> key.add(row.get(column.name())));
    return key;
  }

  /** The key a raw row will have once valid, where each of its key values reads as its column's type. */
  public static Optional<String> ofRaw(Table table, List<RawField> fields) {
    List<Object> key = new ArrayList<>(table.keyColumns().size());
    for (Column column : table.keyColumns()) {
      Object raw = first(fields, column.name());
      if (raw == null || raw instanceof String text && text.isEmpty()) {
        return Optional.empty();
      }
      try {
        key.add(table.check(column).parse(raw));
      } catch (Broken broken) {
        return Optional.empty();
      }
    }
    return Optional.of(text(key));
  }

  private static Object first(List<RawField> fields, String name) {
    for (RawField field : fields) {
      if (field.getName().equals(name)) {
        return field.getValue();
      }
    }
    return null;
  }
}
