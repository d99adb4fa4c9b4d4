package dev.rowgate.pipeline;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rowgate.stack.Service;
import dev.rowgate.stack.test.Http;

/** The metrics a service of the pipeline shows at /actuator/prometheus. */
record Prometheus(String text) {

  private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-z_]+)\\{([^}]*)} (\\S+)$");

  static Prometheus of(Pipeline pipeline, Service service) {
    return new Prometheus(new Http(pipeline.stack.url(service, 1)).get("/actuator/prometheus").body());
  }

  /** The samples of a metric, as lines of text. */
  String samples(String name) {
    return text.lines().filter(line -> line.startsWith(name + "{")).collect(java.util.stream.Collectors.joining("\n"));
  }

  /**
   * The sum of the samples of a metric whose labels include the given ones (0 when there is none;
   * NaN counts as 0). Dots and underscores are one, as Kafka's metrics write a topic's name with
   * underscores.
   */
  double sum(String name, Map<String, String> labels) {
    double sum = 0;
    Matcher sample = SAMPLE.matcher(text);
    while (sample.find()) {
      if (sample.group(1).equals(name) && labels.entrySet().stream()
          .allMatch(l -> sample.group(2).replace('.', '_')
              .contains((l.getKey() + "=\"" + l.getValue() + "\"").replace('.', '_')))) {
        double value = Double.parseDouble(sample.group(3));
        sum += Double.isNaN(value) ? 0 : value;
      }
    }
    return sum;
  }
}
