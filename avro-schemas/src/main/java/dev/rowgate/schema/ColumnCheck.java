package dev.rowgate.schema;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The type and rules of one column, compiled: a present raw value becomes a value of the column's
 * type that keeps every rule, or the reason it does not. A value already of the type (a stored one,
 * a default) can be checked against the rules alone.
 */
public final class ColumnCheck {

  private final Column column;
  private final boolean integral;
  private final long integerMin;
  private final long integerMax;
  private final Comparable<Object> min;
  private final Comparable<Object> max;
  private final Pattern pattern;
  private final Set<Object> oneOf;
  private final Object defaultValue;

  /** @throws IllegalArgumentException when a rule or the default does not fit the column's type */
  public static ColumnCheck of(Column column) {
    return new ColumnCheck(column);
  }

  /** @throws IllegalArgumentException when a rule or the default does not fit the column's type */
  @SuppressWarnings("unchecked")
  ColumnCheck(Column column) {
    this.column = column;
    Column.Rules rules = column.rules();
    requireApplicable(column);
    integral = column.type() == ColumnType.INTEGER || column.type() == ColumnType.BIGINT;
    long[] bounds = Values.bounds(column.type());
    if (integral) {
      integerMin = rules.min() == null ? bounds[0] : ((Number) typed("min", rules.min())).longValue();
      integerMax = rules.max() == null ? bounds[1] : ((Number) typed("max", rules.max())).longValue();
      min = null;
      max = null;
    } else {
      integerMin = bounds[0];
      integerMax = bounds[1];
      min = rules.min() == null ? null : (Comparable<Object>) typed("min", rules.min());
      max = rules.max() == null ? null : (Comparable<Object>) typed("max", rules.max());
    }
    if (integerMin > integerMax || (min != null && max != null
        && min.compareTo(max) > 0)) {
      throw new IllegalArgumentException("min " + rules.min() + " is more than max " + rules.max());
    }
    pattern = rules.pattern() == null ? null : compile(rules.pattern());
    oneOf = rules.oneOf() == null ? null : oneOf(rules.oneOf());
    defaultValue = column.defaultValue() == null ? null : typed("default", column.defaultValue());
    if (defaultValue != null) {
      try {
        checkRules(defaultValue);
      } catch (Broken broken) {
        throw new IllegalArgumentException("the default " + column.defaultValue() + " breaks the column's rules: "
            + broken.getMessage());
      }
    }
  }

  public Column column() {
    return column;
  }

  /** The value that a row not giving one gets, of the column's type; null for none. */
  public Object defaultValue() {
    return defaultValue;
  }

  /**
   * The raw value as a value of the column's type, if it keeps every rule.
   *
   * @param raw a present value: not null, not an empty text
   */
  public Object check(Object raw) throws Broken {
    Object value = Values.parse(column, raw, integerMin, integerMax);
    checkRules(value);
    return value;
  }

  /** The raw value as a value of the column's type, whatever its rules say. */
  public Object parse(Object raw) throws Broken {
    long[] bounds = Values.bounds(column.type());
    return Values.parse(column, raw, bounds[0], bounds[1]);
  }

  /** Throws the first rule that a value of the column's type breaks. */
  public void checkRules(Object value) throws Broken {
    if (integral) {
      long number = ((Number) value).longValue();
      if (number < integerMin || number > integerMax) {
        throw broken("range", number + " is not between " + integerMin + " and " + integerMax);
      }
    }
    if (value instanceof String text) {
      text(text);
    }
    if (min != null || max != null) {
      range(value);
    }
    if (oneOf != null && !oneOf.contains(value)) {
      throw broken("one_of", quoted(value) + " is not one of " + column.rules().oneOf().stream()
          .collect(Collectors.joining(", ")));
    }
  }

  private void text(String text) throws Broken {
    if (column.rules().notBlank() && text.isBlank()) {
      throw broken("not_blank", "is blank");
    }
    if (text.indexOf('\0') >= 0) {
      throw broken("characters", "contains a NUL character, which PostgreSQL cannot store");
    }
    if (LoneSurrogates.in(text)) {
      throw broken("characters", "contains half of a UTF-16 surrogate pair, which is no character");
    }
    Integer maxLength = column.rules().maxLength();
    if (maxLength != null) {
      int length = text.codePointCount(0, text.length());
      if (length > maxLength) {
        throw broken("length", "has " + length + " characters, more than " + maxLength);
      }
    }
    if (pattern != null && !pattern.matcher(text).matches()) {
      throw broken("pattern", "'" + Values.abbreviate(text) + "' does not match the pattern " + pattern.pattern());
    }
  }

  private void range(Object value) throws Broken {
    boolean below = min != null && min.compareTo(value) > 0;
    boolean above = max != null && max.compareTo(value) < 0;
    if (!below && !above) {
      return;
    }
    String text = Values.text(value);
    if (min != null && max != null) {
      throw broken("range", text + " is not between " + column.rules().min() + " and " + column.rules().max());
    }
    boolean number = column.type().isNumber();
    throw below ? broken("range", text + (number ? " is less than " : " is before ") + column.rules().min())
        : broken("range", text + (number ? " is more than " : " is after ") + column.rules().max());
  }

  private Broken broken(String rule, String message) {
    return new Broken(column.name(), rule, message);
  }

  private static String quoted(Object value) {
    return value instanceof String text ? "'" + Values.abbreviate(text) + "'" : Values.text(value);
  }

  private static void requireApplicable(Column column) {
    Column.Rules rules = column.rules();
    ColumnType type = column.type();
    if (type != ColumnType.TEXT && (rules.notBlank() || rules.maxLength() != null || rules.pattern() != null)) {
      throw new IllegalArgumentException((rules.notBlank() ? "not_blank" : rules.maxLength() != null ? "max_length"
          : "pattern") + " is a rule of text columns, not of " + type.word());
    }
    if (!type.isOrdered() && (rules.min() != null || rules.max() != null)) {
      throw new IllegalArgumentException((rules.min() != null ? "min" : "max") + " is a rule of numbers, dates and "
          + "times, not of " + type.word());
    }
    if (type == ColumnType.BOOLEAN && rules.oneOf() != null) {
      throw new IllegalArgumentException("one_of is not a rule of boolean columns");
    }
    if (rules.maxLength() != null && (rules.maxLength() < 1 || rules.maxLength() > 10_485_760)) {
      throw new IllegalArgumentException("max_length is from 1 to 10485760, not " + rules.maxLength());
    }
  }

  /** A value that the definition gives as text, read as the column's type. */
  private Object typed(String key, String text) {
    try {
      long[] bounds = Values.bounds(column.type());
      return Values.parse(column, text, bounds[0], bounds[1]);
    } catch (Broken broken) {
      throw new IllegalArgumentException(key + " " + text + " is not a value of " + column.typeText() + ": "
          + broken.reason().getMessage().substring(column.name().length() + 1));
    }
  }

  private Set<Object> oneOf(List<String> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("one_of lists no value");
    }
    Set<Object> typed = new LinkedHashSet<>();
    for (String value : values) {
      if (!typed.add(typed("one_of value", value))) {
        throw new IllegalArgumentException("one_of lists " + value + " twice");
      }
    }
    return typed;
  }

  private static Pattern compile(String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("pattern is not a regular expression: " + e.getDescription() + " at "
          + e.getIndex() + " of " + regex);
    }
  }
}
