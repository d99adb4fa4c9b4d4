package dev.rowgate.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class DataDictionaryTest {

  @Test
  void everyColumnIsAFieldOfItsTablesValidSchemaWithTheMatchingType() {
    for (Table table : DataDictionary.TABLES) {
      for (Column column : table.columns()) {
        Schema.Field field = table.validSchema().getField(column.name());
        assertThat(field).as(table.name() + "." + column.name()).isNotNull();
        switch (column.type()) {
          case INTEGER -> assertThat(field.schema().getType()).isEqualTo(Schema.Type.INT);
          case TEXT -> assertThat(field.schema().getType()).isEqualTo(Schema.Type.STRING);
          case TIMESTAMP -> assertThat(field.schema().getLogicalType()).isEqualTo(LogicalTypes.timestampMicros());
        }
      }
      assertThat(table.key().name()).isEqualTo("id");
    }
  }

  @Test
  void referencesNameTablesThatComeEarlierInTheDictionary() {
    List<String> names = DataDictionary.TABLES.stream().map(Table::name).toList();
    for (Table table : DataDictionary.TABLES) {
      table.columns().stream().filter(Column::isReference).forEach(column ->
          assertThat(names.indexOf(column.references())).as(column.name()).isBetween(0, names.indexOf(table.name()) - 1));
    }
  }

  @Test
  void tablesAreFoundByNameAndByTopic() {
    assertThat(DataDictionary.table("jobs")).contains(DataDictionary.JOBS);
    assertThat(DataDictionary.table("pg_authid")).isEmpty();
    assertThat(DataDictionary.tableOfTopic("rowgate.hired_employees.rejected")).contains(DataDictionary.HIRED_EMPLOYEES);
    assertThat(DataDictionary.tableOfTopic("other.topic")).isEmpty();
  }
}
