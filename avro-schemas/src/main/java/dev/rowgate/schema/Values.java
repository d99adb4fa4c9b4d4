package dev.rowgate.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.rowgate.avro.JsonValue;

/**
 * Raw values as they arrive (JSON's types, or CSV's text) read as values of a column type: Integer,
 * Long, BigDecimal, String, Boolean, LocalDate, Instant or UUID; and those values as text, the
 * form the database reads and keys are made of. Whatever breaks a type's format or range is a
 * {@link Broken} with its reason.
 */
public final class Values {

  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,9})?");
  private static final Pattern UUID_TEXT = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final int[] DIGITS_OF_UTC_SECONDS = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
  private static final int MAX_YEAR = 9999;

  private Values() {
  }

  /**
   * The raw value as a value of the column's type, its range bounds (min and max) applied to
   * integers, whose type has bounds of its own.
   *
   * @param raw a present value: not null, not an empty text
   */
  static Object parse(Column column, Object raw, long min, long max) throws Broken {
    String name = column.name();
    return switch (column.type()) {
      case INTEGER -> integer(name, raw, min, max).intValueExact();
      case BIGINT -> integer(name, raw, min, max).longValueExact();
      case DECIMAL -> decimal(column, raw);
      case TEXT -> text(name, raw);
      case BOOLEAN -> bool(name, raw);
      case DATE -> date(name, raw);
      case TIMESTAMP -> timestamp(name, raw);
      case UUID -> uuid(name, raw);
    };
  }

  /** The smallest and largest value of an integer type; of any other, those of a long. */
  static long[] bounds(ColumnType type) {
    return type == ColumnType.INTEGER ? new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE}
        : new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
  }

  private static BigInteger integer(String column, Object raw, long min, long max) throws Broken {
    BigInteger value;
    if (raw instanceof Long number) {
      value = BigInteger.valueOf(number);
    } else if (raw instanceof String text && isShortInteger(text)) {
      value = BigInteger.valueOf(Long.parseLong(text));
    } else if (raw instanceof String text && INTEGER.matcher(text).matches()) {
      value = new BigInteger(text);
    } else if (raw instanceof JsonValue json && INTEGER.matcher(json.getJson()).matches()) {
      value = new BigInteger(json.getJson());
    } else {
      throw new Broken(column, "type", "expected an integer, got " + describe(raw));
    }
    if (value.bitLength() > 63 || value.longValue() < min || value.longValue() > max) {
      throw new Broken(column, "range", value + " is not between " + min + " and " + max);
    }
    return value;
  }

  /** Plain digits, few enough for a long: the common case, parsed without a regular expression. */
  private static boolean isShortInteger(String text) {
    if (text.isEmpty() || text.length() > 18) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** A number with at most the column's digits before and after the point; never rounded. */
  private static BigDecimal decimal(Column column, Object raw) throws Broken {
    BigDecimal value;
    if (raw instanceof Long number) {
      value = BigDecimal.valueOf(number);
    } else if (raw instanceof Double number && Double.isFinite(number)) {
      value = BigDecimal.valueOf(number);
    } else if (raw instanceof String text && DECIMAL.matcher(text).matches()) {
      value = new BigDecimal(text);
    } else if (raw instanceof JsonValue json && DECIMAL.matcher(json.getJson()).matches()) {
      value = new BigDecimal(json.getJson());
    } else {
      throw new Broken(column.name(), "type", "expected a decimal number, got " + describe(raw));
    }
    value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    int scale = column.scale();
    if (value.scale() > scale) {
      throw new Broken(column.name(), "precision", value.toPlainString() + " has more than " + scale
          + " digits after the decimal point (" + column.typeText() + ")");
    }
    if (value.precision() - value.scale() > column.precision() - scale) {
      throw new Broken(column.name(), "precision", abbreviate(value.toPlainString()) + " has more than "
          + (column.precision() - scale) + " digits before the decimal point (" + column.typeText() + ")");
    }
    return value.setScale(scale);
  }

  private static String text(String column, Object raw) throws Broken {
    if (!(raw instanceof String text)) {
      throw new Broken(column, "type", "expected text, got " + describe(raw));
    }
    return text;
  }

  private static Boolean bool(String column, Object raw) throws Broken {
    if (raw instanceof Boolean bool) {
      return bool;
    }
    if (raw instanceof Long number && (number == 0 || number == 1)) {
      return number == 1;
    }
    if (raw instanceof String text) {
      switch (text.toLowerCase(Locale.ROOT)) {
        case "true", "t", "yes", "y", "1" -> {
          return true;
        }
        case "false", "f", "no", "n", "0" -> {
          return false;
        }
        default -> {
        }
      }
    }
    throw new Broken(column, "type", "expected a boolean (true or false), got " + describe(raw));
  }

  private static LocalDate date(String column, Object raw) throws Broken {
    if (!(raw instanceof String text)) {
      throw new Broken(column, "type", "expected an ISO-8601 date text, got " + describe(raw));
    }
    LocalDate value;
    try {
      value = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
    } catch (DateTimeException e) {
      throw new Broken(column, "format", "'" + abbreviate(text) + "' is not an ISO-8601 date, like 2021-11-07");
    }
    if (value.getYear() < 1 || value.getYear() > MAX_YEAR) {
      throw new Broken(column, "range", "year " + value.getYear() + " is not between 1 and " + MAX_YEAR);
    }
    return value;
  }

  private static Instant timestamp(String column, Object raw) throws Broken {
    if (!(raw instanceof String text)) {
      throw new Broken(column, "type", "expected an ISO-8601 date-time text, got " + describe(raw));
    }
    OffsetDateTime value;
    try {
      value = isUtcSeconds(text) ? utcSeconds(text) : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeException e) {
      throw new Broken(column, "format",
          "'" + abbreviate(text) + "' is not an ISO-8601 date-time with an offset, like 2021-11-07T02:48:42Z");
    }
    if (value.getNano() % 1000 != 0) {
      throw new Broken(column, "format", "is more precise than a microsecond");
    }
    int year = value.withOffsetSameInstant(ZoneOffset.UTC).getYear();
    if (year < 1 || year > MAX_YEAR) {
      throw new Broken(column, "range", "year " + year + " in UTC is not between 1 and " + MAX_YEAR);
    }
    return value.toInstant();
  }

  /** {@code yyyy-MM-ddTHH:mm:ssZ}, the form of nearly every timestamp, read without the general formatter. */
  private static boolean isUtcSeconds(String text) {
    if (text.length() != 20 || text.charAt(19) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
        || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return false;
    }
    for (int i : DIGITS_OF_UTC_SECONDS) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** The date and time checked for range as the formatter would: February 30 or hour 24 are refused. */
  private static OffsetDateTime utcSeconds(String text) {
    return OffsetDateTime.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10), number(text, 11, 13),
        number(text, 14, 16), number(text, 17, 19), 0, ZoneOffset.UTC);
  }

  private static int number(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + text.charAt(i) - '0';
    }
    return value;
  }

  private static java.util.UUID uuid(String column, Object raw) throws Broken {
    if (raw instanceof String text && UUID_TEXT.matcher(text).matches()) {
      return java.util.UUID.fromString(text);
    }
    if (raw instanceof String text) {
      throw new Broken(column, "format", "'" + abbreviate(text) + "' is not a UUID, like "
          + "123e4567-e89b-12d3-a456-426614174000");
    }
    throw new Broken(column, "type", "expected a UUID text, got " + describe(raw));
  }

  /**
   * A value of a column as text: what PostgreSQL reads for it, what keys are made of, what a
   * definition file writes for its min, max, one_of and default. Null for null.
   */
  public static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Boolean bool) {
      return bool ? "true" : "false";
    }
    return value.toString();
  }

  static String describe(Object raw) {
    if (raw instanceof String text) {
      return "'" + abbreviate(text) + "'";
    }
    if (raw instanceof Double number) {
      return "the number " + number;
    }
    if (raw instanceof Boolean bool) {
      return "the boolean " + bool;
    }
    if (raw instanceof Long number) {
      return "the number " + number;
    }
    String json = ((JsonValue) raw).getJson();
    return json.startsWith("{") ? "an object" : json.startsWith("[") ? "an array" : "the number " + abbreviate(json);
  }

  static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
