package dev.rowgate.schema;

import java.util.List;
import java.util.Optional;

import org.apache.avro.Schema;

/**
 * A table of the data dictionary: its columns (the first is the primary key {@code id}) and the
 * Avro schema of its valid rows.
 */
public record Table(String name, List<Column> columns, Schema validSchema) {

  public Table {
    columns = List.copyOf(columns);
  }

  public Column key() {
    return columns.get(0);
  }

  public Optional<Column> column(String columnName) {
    for (Column column : columns) {
      if (column.name().equals(columnName)) {
        return Optional.of(column);
      }
    }
    return Optional.empty();
  }

  /** The columns that name a row of another table, in column order. */
  public List<Column> referenceColumns() {
    return columns.stream().filter(Column::isReference).toList();
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  public String errorsTable() {
    return name + "_errors";
  }

  public String rawTopic() {
    return Topics.raw(name);
  }

  public String validTopic() {
    return Topics.valid(name);
  }

  public String rejectedTopic() {
    return Topics.rejected(name);
  }
}
