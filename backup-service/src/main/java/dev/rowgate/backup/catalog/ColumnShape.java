package dev.rowgate.backup.catalog;

import java.util.List;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * A column as PostgreSQL has it, and the Avro type it is written as: integers as int or long,
 * timestamps as microseconds, JSON, numeric, date, uuid and text as strings (PostgreSQL's text of
 * them, which it reads back exactly), bytea as bytes. A nullable column is a union with null.
 */
public record ColumnShape(String name, String type, boolean notNull) {

  Schema avroSchema() {
    Schema schema = switch (type) {
      case "int2", "int4" -> Schema.create(Schema.Type.INT);
      case "int8" -> Schema.create(Schema.Type.LONG);
      case "bool" -> Schema.create(Schema.Type.BOOLEAN);
      case "float4" -> Schema.create(Schema.Type.FLOAT);
      case "float8" -> Schema.create(Schema.Type.DOUBLE);
      case "text", "varchar", "bpchar", "json", "jsonb", "numeric", "date", "uuid" -> Schema.create(Schema.Type.STRING);
      case "timestamptz" -> LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
      case "bytea" -> Schema.create(Schema.Type.BYTES);
      default -> throw new IllegalStateException("column " + name + " has type " + type + ", which backups do not know");
    };
    schema.addProp("pgType", type);
    return notNull ? schema : Schema.createUnion(List.of(Schema.create(Schema.Type.NULL), schema));
  }
}
