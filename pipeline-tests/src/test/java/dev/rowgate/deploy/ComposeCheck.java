package dev.rowgate.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/**
 * Checks a docker-compose file against the services' own configuration: each rowgate service
 * (built with {@code args.SERVICE}) may set only environment variables its application.yml reads,
 * must set every one it reads without a default, and must publish the port it listens on, which
 * is also the port its image's health check asks ({@code args.PORT}).
 */
final class ComposeCheck {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");
  private static final Pattern SERVER_PORT = Pattern.compile("(?m)^server:\\s*\\n\\s+port:\\s*\\$\\{([A-Z0-9_]+):(\\d+)}");

  /** The environment variables an application.yml reads: each with its default, or empty when it has none. */
  static Map<String, Optional<String>> variables(String applicationYml) {
    Map<String, Optional<String>> variables = new LinkedHashMap<>();
    Matcher m = PLACEHOLDER.matcher(applicationYml);
    while (m.find()) {
      variables.put(m.group(1), Optional.ofNullable(m.group(2)).map(d -> d.substring(1)));
    }
    return variables;
  }

  /** Everything wrong with the compose file; {@code applicationYmls} maps a module to its application.yml. */
  @SuppressWarnings("unchecked")
  static List<String> violations(String compose, Map<String, String> applicationYmls) {
    List<String> violations = new ArrayList<>();
    Map<String, Object> services = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(compose)).get("services");
    for (Map.Entry<String, Object> entry : services.entrySet()) {
      Map<String, Object> service = (Map<String, Object>) entry.getValue();
      Object build = service.get("build");
      if (!(build instanceof Map<?, ?> buildMap) || !(buildMap.get("args") instanceof Map<?, ?> args)) {
        continue;
      }
      String module = String.valueOf(args.get("SERVICE"));
      String yml = applicationYmls.get(module);
      if (yml == null) {
        violations.add(entry.getKey() + ": builds unknown module " + module);
        continue;
      }
      Map<String, Object> env = service.get("environment") instanceof Map<?, ?> e ? (Map<String, Object>) e : Map.of();
      Map<String, Optional<String>> reads = variables(yml);
      env.keySet().stream().filter(name -> !reads.containsKey(name))
          .forEach(name -> violations.add(entry.getKey() + ": sets " + name + ", which " + module + " does not read"));
      reads.forEach((name, fallback) -> {
        if (fallback.isEmpty() && !env.containsKey(name)) {
          violations.add(entry.getKey() + ": does not set " + name + ", which " + module + " requires");
        }
      });
      Matcher port = SERVER_PORT.matcher(yml);
      if (!port.find()) {
        violations.add(module + ": its application.yml names no server port variable");
        continue;
      }
      String listens = String.valueOf(env.getOrDefault(port.group(1), port.group(2)));
      List<String> published = service.get("ports") instanceof List<?> p ? (List<String>) p : List.of();
      if (published.stream().noneMatch(p -> p.endsWith(":" + listens))) {
        violations.add(entry.getKey() + ": listens on " + listens + " but publishes " + published);
      }
      if (!listens.equals(String.valueOf(args.get("PORT")))) {
        violations.add(entry.getKey() + ": its image checks health on port " + args.get("PORT") + ", it listens on " + listens);
      }
    }
    return violations;
  }
}
