package dev.rowgate.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.Schema;

/**
 * A table of the applied definitions, ready for work: its definition, the Avro schema its valid
 * rows are written with, and the compiled check of each column. A table name from a request
 * reaches SQL or a topic name only after it was found among the applied definitions.
 */
public final class Table {

  private final TableDefinition definition;
  private final Schema validSchema;
  private final List<Column> keyColumns;
  private final List<Column> referenceColumns;
  private final Map<String, Column> columns = new HashMap<>();
  private final Map<String, ColumnCheck> checks = new HashMap<>();

  /**
   * @param validSchema the schema of its valid rows, as recorded for the applied version
   * @throws IllegalArgumentException when a column's rules do not fit it
   */
  public Table(TableDefinition definition, Schema validSchema) {
    this.definition = definition;
    this.validSchema = validSchema;
    for (Column column : definition.columns()) {
      columns.put(column.name(), column);
      checks.put(column.name(), new ColumnCheck(column));
    }
    this.keyColumns = definition.key().stream().map(columns::get).toList();
    this.referenceColumns = definition.columns().stream().filter(Column::isReference).toList();
  }

  /** The table with the schema derived from its definition alone, as files give it before it is applied. */
  public static Table derived(TableDefinition definition) {
    return new Table(definition, ValidRowSchema.of(definition, List.of()));
  }

  public TableDefinition definition() {
    return definition;
  }

  public String name() {
    return definition.name();
  }

  public String description() {
    return definition.description();
  }

  public List<Column> columns() {
    return definition.columns();
  }

  public Optional<Column> column(String columnName) {
    return Optional.ofNullable(columns.get(columnName));
  }

  /** The compiled type and rules of a column of this table. */
  public ColumnCheck check(Column column) {
    return checks.get(column.name());
  }

  /** The columns of its key, in the key's order. */
  public List<Column> keyColumns() {
    return keyColumns;
  }

  /** The columns that name a row of another table, in column order. */
  public List<Column> referenceColumns() {
    return referenceColumns;
  }

  public List<String> columnNames() {
    return definition.columns().stream().map(Column::name).toList();
  }

  public Schema validSchema() {
    return validSchema;
  }

  public String errorsTable() {
    return name() + "_errors";
  }

  public String rawTopic() {
    return Topics.raw(name());
  }

  public String validTopic() {
    return Topics.valid(name());
  }

  public String rejectedTopic() {
    return Topics.rejected(name());
  }

  @Override
  public String toString() {
    return name();
  }
}
