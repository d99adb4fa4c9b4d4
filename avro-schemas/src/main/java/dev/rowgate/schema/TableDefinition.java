package dev.rowgate.schema;

import java.util.List;
import java.util.Optional;

/**
 * A table as its definition file declares it: name, description, key and columns in order. This
 * is what is applied to the database and recorded there, as JSON, with a version.
 *
 * @param name        the table name: a plain SQL identifier
 * @param description what it holds, for people; may be empty
 * @param key         the columns whose values identify a row, in order: its primary key
 * @param columns     the columns, in the order of a CSV file without a header
 * @param file        the name of the file that declares it, for messages
 */
public record TableDefinition(String name, String description, List<String> key, List<Column> columns, String file) {

  public TableDefinition {
    description = description == null ? "" : description;
    key = List.copyOf(key);
    columns = List.copyOf(columns);
  }

  public Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  /** The same definition, whatever file declared it: what a change of version compares. */
  public boolean sameAs(TableDefinition other) {
    return name.equals(other.name) && description.equals(other.description) && key.equals(other.key)
        && columns.equals(other.columns);
  }
}
