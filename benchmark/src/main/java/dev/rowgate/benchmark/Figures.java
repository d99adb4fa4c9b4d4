package dev.rowgate.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The figures of a run: printed as a table as they come, and kept for the JSON file. */
final class Figures {

  private final Map<String, Object> json;
  private final PrintStream out;

  Figures(PrintStream out) {
    this(out, new LinkedHashMap<>());
  }

  private Figures(PrintStream out, Map<String, Object> json) {
    this.out = out;
    this.json = json;
  }

  /** Figures printed the same way, kept under {@code key} of these. */
  Figures nested(String key) {
    Map<String, Object> inner = new LinkedHashMap<>();
    json.put(key, inner);
    return new Figures(out, inner);
  }

  void section(String title) {
    out.printf("%n%s%n", title);
  }

  /** A stage timed against a baseline of the same run. */
  void compare(String key, String stage, Duration rowgate, String baselineName, Duration baseline, long rows) {
    double ratio = seconds(rowgate) / seconds(baseline);
    out.printf(Locale.ROOT, "  %-44s %9.2f s  %11s rows/s   %s %8.2f s   ratio %5.2f×%n", stage, seconds(rowgate),
        String.format(Locale.ROOT, "%,.0f", rows / seconds(rowgate)), baselineName, seconds(baseline), ratio);
    put(key, Map.of("seconds", round(seconds(rowgate)), "rowsPerSecond", Math.round(rows / seconds(rowgate)),
        "baseline", baselineName, "baselineSeconds", round(seconds(baseline)), "ratio", round(ratio)));
  }

  void time(String key, String what, Duration time, long rows) {
    out.printf(Locale.ROOT, "  %-44s %9.2f s  %11s rows/s%n", what, seconds(time),
        String.format(Locale.ROOT, "%,.0f", rows / seconds(time)));
    put(key, Map.of("seconds", round(seconds(time)), "rowsPerSecond", Math.round(rows / seconds(time))));
  }

  /** When a stage ended, from the start of its load, and how long it ran after the stage before it ended. */
  void stage(String key, String what, Duration endsAt, Duration previousEndsAt) {
    Duration after = endsAt.minus(previousEndsAt);
    out.printf(Locale.ROOT, "  %-44s %9.2f s  (%.2f s after the stage before ended)%n", what, seconds(endsAt),
        seconds(after));
    put(key, Map.of("endsAtSeconds", round(seconds(endsAt)), "afterPreviousSeconds", round(seconds(after))));
  }

  void line(String key, String what, Object value, String text) {
    out.printf("  %-44s %s%n", what, text);
    put(key, value);
  }

  /** Latencies at the given percentiles, as {@code p50 / p99 / max}. */
  void latencies(String key, String what, List<Double> sortedSeconds, double... percentiles) {
    Map<String, Double> values = new LinkedHashMap<>();
    StringJoiner text = new StringJoiner(" / ");
    for (double p : percentiles) {
      double seconds = RestLoad.percentile(sortedSeconds, p);
      values.put(p == 1 ? "max" : "p" + Math.round(p * 100), round(seconds));
      text.add(String.format(Locale.ROOT, "%.3f s", seconds));
    }
    line(key, what + " " + String.join(" / ", values.keySet()), values, text.toString());
  }

  void put(String key, Object value) {
    json.put(key, value);
  }

  void write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
          .writeValueAsString(json));
      out.printf("%nfigures written to %s%n", file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
