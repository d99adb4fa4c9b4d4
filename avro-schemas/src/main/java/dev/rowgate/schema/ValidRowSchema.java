package dev.rowgate.schema;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.rowgate.avro.Origin;
import dev.rowgate.avro.SourceOffset;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * The Avro schema of a table's valid rows ({@code rowgate.<table>.valid}), derived from its
 * definition: a record {@code dev.rowgate.tables.<table>} with a field per column, then the row's
 * origin and the raw record's coordinates. Every column is a union with null, whatever the rules
 * say: the validator enforces them, and a rule changing from optional to required (or back) then
 * leaves the records already in the topics readable. A column with a default has it as its Avro
 * default, so records written before the column existed are read with it.
 *
 * <p>Records written under earlier schemas of the table are read by Avro's schema resolution, by
 * name: the schema names each earlier record name as an alias, and the earlier names of its origin
 * and source fields too.
 */
public final class ValidRowSchema {

  public static final String NAMESPACE = "dev.rowgate.tables";
  public static final String ORIGIN = "rowgate_origin";
  public static final String SOURCE = "rowgate_source";

  private ValidRowSchema() {
  }

  /**
   * @param earlier every schema of the table recorded before, whose names become aliases
   */
  public static Schema of(TableDefinition table, List<Schema> earlier) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Column column : table.columns()) {
      fields.add(field(column));
    }
    Schema.Field origin = new Schema.Field(ORIGIN, Origin.getClassSchema(), "Where the row came from");
    Schema.Field source = new Schema.Field(SOURCE, SourceOffset.getClassSchema(),
        "The Kafka coordinates of the raw record it was made from");
    fields.add(origin);
    fields.add(source);
    Schema record = Schema.createRecord(table.name(), table.description().isEmpty() ? null : table.description(),
        NAMESPACE, false, fields);
    Set<String> recordAliases = new LinkedHashSet<>();
    for (Schema before : earlier) {
      if (!before.getFullName().equals(record.getFullName())) {
        recordAliases.add(before.getFullName());
      }
      for (Schema.Field field : before.getFields()) {
        aliasIfRenamed(field, Origin.getClassSchema(), origin, table);
        aliasIfRenamed(field, SourceOffset.getClassSchema(), source, table);
      }
    }
    recordAliases.forEach(record::addAlias);
    return record;
  }

  private static void aliasIfRenamed(Schema.Field before, Schema type, Schema.Field now, TableDefinition table) {
    if (before.schema().getType() == Schema.Type.RECORD && before.schema().getFullName().equals(type.getFullName())
        && !before.name().equals(now.name()) && table.column(before.name()).isEmpty()
        && !now.aliases().contains(before.name())) {
      now.addAlias(before.name());
    }
  }

  private static Schema.Field field(Column column) {
    Schema type = type(column);
    String doc = column.description().isEmpty() ? null : column.description();
    if (column.hasDefault()) {
      Object value = new ColumnCheck(column).defaultValue();
      return new Schema.Field(column.name(), Schema.createUnion(type, Schema.create(Schema.Type.NULL)), doc,
          avroDefault(value));
    }
    return new Schema.Field(column.name(), Schema.createUnion(Schema.create(Schema.Type.NULL), type), doc,
        JsonProperties.NULL_VALUE);
  }

  /** The Avro type of a column's values. */
  static Schema type(Column column) {
    return switch (column.type()) {
      case INTEGER -> Schema.create(Schema.Type.INT);
      case BIGINT -> Schema.create(Schema.Type.LONG);
      case DECIMAL -> LogicalTypes.decimal(column.precision(), column.scale()).addToSchema(Schema.create(Schema.Type.BYTES));
      case TEXT -> string();
      case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
      case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
      case TIMESTAMP -> LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
      case UUID -> LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING));
    };
  }

  private static Schema string() {
    Schema string = Schema.create(Schema.Type.STRING);
    GenericData.setStringType(string, GenericData.StringType.String);
    return string;
  }

  /** A default value as Avro's JSON form of it holds it. */
  private static Object avroDefault(Object value) {
    if (value instanceof BigDecimal decimal) {
      return new String(decimal.unscaledValue().toByteArray(), StandardCharsets.ISO_8859_1);
    }
    if (value instanceof LocalDate date) {
      return (int) date.toEpochDay();
    }
    if (value instanceof Instant instant) {
      return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
    if (value instanceof java.util.UUID uuid) {
      return uuid.toString();
    }
    return value;
  }
}
