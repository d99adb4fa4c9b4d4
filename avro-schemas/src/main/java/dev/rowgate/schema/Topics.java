package dev.rowgate.schema;

/** Names of the three topics of a table: raw rows in, valid and rejected rows out. */
public final class Topics {

  private static final String PREFIX = "rowgate.";

  private Topics() {
  }

  public static String raw(String table) {
    return PREFIX + table + ".raw";
  }

  public static String valid(String table) {
    return PREFIX + table + ".valid";
  }

  public static String rejected(String table) {
    return PREFIX + table + ".rejected";
  }

  /** The table a rowgate topic belongs to, e.g. {@code jobs} for {@code rowgate.jobs.valid}. */
  public static String tableOf(String topic) {
    if (!topic.startsWith(PREFIX) || topic.lastIndexOf('.') <= PREFIX.length()) {
      throw new IllegalArgumentException("not a rowgate topic: " + topic);
    }
    return topic.substring(PREFIX.length(), topic.lastIndexOf('.'));
  }
}
