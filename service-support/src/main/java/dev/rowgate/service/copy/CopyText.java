package dev.rowgate.service.copy;

import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Rows in PostgreSQL's COPY text format: tab-separated, {@code \N} for null, backslash escapes.
 * PostgreSQL text cannot hold U+0000; it is written as U+FFFD, the replacement character.
 */
public final class CopyText {

  private static final char NUL_REPLACEMENT = '\uFFFD';

  private static final HexFormat HEX = HexFormat.of();
  private static final long FIRST_SECOND_OF_YEAR_1 = -62_135_596_800L;

  private final StringBuilder out = new StringBuilder(1 << 16);
  private boolean rowStarted;
  private int rows;

  public CopyText text(String value) {
    if (value == null) {
      return nul();
    }
    separate();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\0' -> out.append(NUL_REPLACEMENT);
        default -> out.append(c);
      }
    }
    return this;
  }

  public CopyText number(Number value) {
    if (value == null) {
      return nul();
    }
    separate();
    out.append(value);
    return this;
  }

  public CopyText timestamp(Instant value) {
    return value == null ? nul() : text(timestampText(value));
  }

  /**
   * An instant as PostgreSQL reads a {@code timestamptz}: ISO-8601 in UTC, as {@link Instant#toString()}
   * writes it for the years 1 to 9999; later years without its plus sign, earlier ones as years BC
   * (PostgreSQL has no year 0: 1 BC comes before 1 AD).
   */
  public static String timestampText(Instant value) {
    String text = value.toString();
    if (text.charAt(0) == '+') {
      return text.substring(1);
    }
    if (value.getEpochSecond() < FIRST_SECOND_OF_YEAR_1) {
      int yearEnd = text.indexOf('-', 1);
      return "%04d%s BC".formatted(1 - Integer.parseInt(text.substring(0, yearEnd)), text.substring(yearEnd));
    }
    return text;
  }

  public CopyText bytes(byte[] value) {
    return value == null ? nul() : text("\\x" + HEX.formatHex(value));
  }

  public CopyText nul() {
    separate();
    out.append("\\N");
    return this;
  }

  public void endRow() {
    out.append('\n');
    rowStarted = false;
    rows++;
  }

  public int rows() {
    return rows;
  }

  public Reader reader() {
    return new StringReader(out.toString());
  }

  /** The rows so far as UTF-8 bytes, to send in one piece of a streamed COPY; starts afresh. */
  public byte[] takeBytes() {
    byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
    out.setLength(0);
    return bytes;
  }

  /** Characters held so far. */
  public int length() {
    return out.length();
  }

  private void separate() {
    if (rowStarted) {
      out.append('\t');
    }
    rowStarted = true;
  }
}
