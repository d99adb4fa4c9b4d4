package dev.rowgate.schema;

/**
 * Half of a UTF-16 surrogate pair without its other half: JSON's {@code \ud800} escapes can write
 * one into a string, but it is no character. UTF-8, and so Avro and PostgreSQL, cannot hold it;
 * Java's encoder writes {@code ?} in its place, which would change a value without a word.
 */
public final class LoneSurrogates {

  private LoneSurrogates() {
  }

  public static boolean in(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
