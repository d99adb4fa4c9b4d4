package dev.rowgate.schema;

/**
 * One field of a table in the data dictionary. Every column is required.
 *
 * @param name       the column name, equal to the Avro field name
 * @param type       its type
 * @param min        the smallest value of an INTEGER column
 * @param max        the largest value of an INTEGER column
 * @param maxLength  the most characters a TEXT column may hold
 * @param references the table whose {@code id} an INTEGER column must name, or null
 */
public record Column(String name, ColumnType type, long min, long max, int maxLength, String references) {

  static Column integer(String name) {
    return new Column(name, ColumnType.INTEGER, 1, Integer.MAX_VALUE, 0, null);
  }

  static Column text(String name, int maxLength) {
    return new Column(name, ColumnType.TEXT, 0, 0, maxLength, null);
  }

  static Column timestamp(String name) {
    return new Column(name, ColumnType.TIMESTAMP, 0, 0, 0, null);
  }

  Column referencing(String table) {
    return new Column(name, type, min, max, maxLength, table);
  }

  public boolean isReference() {
    return references != null;
  }
}
