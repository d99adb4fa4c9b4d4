package dev.rowgate.backup.catalog;

import java.util.List;

import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

/**
 * A table's columns as they are now (generated columns left out: PostgreSQL computes them), and
 * the Avro record schema its backups are written and read with.
 *
 * @param referencedBy the tables with a foreign key to this one
 * @param references   the foreign keys of this table: column, referenced table
 */
public record TableShape(String table, List<ColumnShape> columns, List<Reference> references,
                         List<Reference> referencedBy, boolean hasIdentity) {

  /** A foreign key: {@code table.column} names an {@code id} of {@code target}. */
  public record Reference(String table, String column, String target) {
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
