package dev.rowgate.backup.catalog;

import java.util.List;

import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

/**
 * A table's columns as they are now (generated columns left out: PostgreSQL computes them), and
 * the Avro record schema its backups are written and read with.
 *
 * @param primaryKey   the columns of its primary key, in order
 * @param references   the foreign keys of this table
 * @param referencedBy the foreign keys of other tables to this one
 * @param identity     its identity column, whose sequence a restore moves past the rows; null for none
 */
public record TableShape(String table, List<ColumnShape> columns, List<String> primaryKey, List<Reference> references,
                         List<Reference> referencedBy, String identity) {

  /** A foreign key: {@code table.column} names a row of {@code target} by its {@code targetColumn}. */
  public record Reference(String table, String column, String target, String targetColumn) {
  }

  public Schema schema() {
    List<Schema.Field> fields = columns.stream().map(c -> new Schema.Field(c.name(), c.avroSchema(), null,
        c.notNull() ? null : JsonProperties.NULL_VALUE)).toList();
    return Schema.createRecord(table, "A row of " + table + " in a rowgate backup", "dev.rowgate.backup", false, fields);
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnShape::name).toList();
  }
}
