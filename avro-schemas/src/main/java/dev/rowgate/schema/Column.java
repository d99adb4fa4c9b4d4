package dev.rowgate.schema;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One column of a table definition, as its file declares it.
 *
 * @param name         the column name: a plain SQL identifier, also the Avro field name
 * @param type         its type
 * @param precision    the digits of a decimal in all; null for other types
 * @param scale        the digits of a decimal after the point; null for other types
 * @param required     whether a row must give it (the default); an optional one may be missing, null or empty
 * @param defaultValue the value a row that does not give it gets, as text of its type; null for none
 * @param rules        what its values must keep besides their type
 * @param references   the table whose key its values must name, or null
 * @param description  what it holds, for people; may be empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Column(String name, ColumnType type, Integer precision, Integer scale, boolean required,
                     String defaultValue, Rules rules, Reference references, String description) {

  public Column {
    rules = rules == null ? Rules.NONE : rules;
    description = description == null ? "" : description;
  }

  /** A reference from a column to the one-column key of another table. */
  public record Reference(String table, String column) {
  }

  /**
   * The rules of a column besides its type; each null (or false) when it is not given.
   *
   * @param notBlank  text must hold a character that is not white space
   * @param min       the smallest value, as text of the column's type (numbers, dates, times)
   * @param max       the largest value, likewise
   * @param maxLength the most characters of a text
   * @param pattern   a regular expression (Java's) that the whole text matches
   * @param oneOf     the values allowed, as text of the column's type
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Rules(boolean notBlank, String min, String max, Integer maxLength, String pattern,
                      List<String> oneOf) {

    public static final Rules NONE = new Rules(false, null, null, null, null, null);

    public Rules {
      oneOf = oneOf == null ? null : List.copyOf(oneOf);
    }
  }

  @JsonIgnore
  public boolean isReference() {
    return references != null;
  }

  public boolean hasDefault() {
    return defaultValue != null;
  }

  /** A row must give a value: the column is required and has no default. */
  public boolean mustBeGiven() {
    return required && defaultValue == null;
  }

  /** The type as a file writes it, e.g. {@code decimal(10, 2)}. */
  public String typeText() {
    return type == ColumnType.DECIMAL ? "decimal(" + precision + ", " + scale + ")" : type.word();
  }
}
