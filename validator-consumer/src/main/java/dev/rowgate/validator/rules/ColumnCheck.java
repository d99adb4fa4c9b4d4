package dev.rowgate.validator.rules;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

import dev.rowgate.avro.JsonValue;
import dev.rowgate.avro.Reason;
import dev.rowgate.schema.Column;
import dev.rowgate.schema.LoneSurrogates;

/**
 * The rules of one column applied to one present, non-null raw value: its type, range, format and
 * length. Returns the typed value, or throws the reason it breaks a rule.
 */
final class ColumnCheck {

  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final int[] DIGITS_OF_UTC_SECONDS = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
  private static final int MAX_YEAR = 9999;

  private ColumnCheck() {
  }

  static Object check(Column column, Object raw) throws Broken {
    if (raw instanceof String text && text.isEmpty()) {
      throw new Broken(column, "required", "is empty");
    }
    return switch (column.type()) {
      case INTEGER -> integer(column, raw);
      case TEXT -> text(column, raw);
      case TIMESTAMP -> timestamp(column, raw);
    };
  }

  private static Integer integer(Column column, Object raw) throws Broken {
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
    if (value.bitLength() > 63 || value.longValue() < column.min() || value.longValue() > column.max()) {
      throw new Broken(column, "range", value + " is not between " + column.min() + " and " + column.max());
    }
    return value.intValueExact();
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

  private static String text(Column column, Object raw) throws Broken {
    if (!(raw instanceof String text)) {
      throw new Broken(column, "type", "expected text, got " + describe(raw));
    }
    if (text.isBlank()) {
      throw new Broken(column, "not_blank", "is blank");
    }
    if (text.indexOf('\0') >= 0) {
      throw new Broken(column, "characters", "contains a NUL character, which PostgreSQL cannot store");
    }
    if (LoneSurrogates.in(text)) {
      throw new Broken(column, "characters", "contains half of a UTF-16 surrogate pair, which is no character");
    }
    int length = text.codePointCount(0, text.length());
    if (length > column.maxLength()) {
      throw new Broken(column, "length", "has " + length + " characters, more than " + column.maxLength());
    }
    return text;
  }

  private static Instant timestamp(Column column, Object raw) throws Broken {
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

  private static String describe(Object raw) {
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

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  /** A rule the value breaks. */
  static final class Broken extends Exception {
    private final transient Reason reason;

    Broken(Column column, String rule, String message) {
      super(column.name() + " " + message, null, false, false);
      this.reason = new Reason(column.name(), rule, column.name() + " " + message);
    }

    Reason reason() {
      return reason;
    }
  }
}
