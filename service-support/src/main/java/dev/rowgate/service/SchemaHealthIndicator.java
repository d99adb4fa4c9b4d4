package dev.rowgate.service;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Up when the database's schema is at least the version this service was built with. db-writer
 * migrates it when it starts; until then a service that uses its tables is not ready, rather than
 * ready and answering every request with an error.
 */
final class SchemaHealthIndicator extends AbstractHealthIndicator {

  private static final String MIGRATED = "SELECT to_regclass('flyway_schema_history') IS NOT NULL";

  private static final String VERSIONS =
      "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL";

  private static final Pattern SEPARATOR = Pattern.compile("[._]");

  /** Flyway's order of versions: by each dot-separated part as a number. */
  static final Comparator<String> VERSION_ORDER = (a, b) -> {
    String[] left = SEPARATOR.split(a);
    String[] right = SEPARATOR.split(b);
    for (int i = 0; i < Math.max(left.length, right.length); i++) {
      int order = Long.compare(i < left.length ? Long.parseLong(left[i]) : 0,
          i < right.length ? Long.parseLong(right[i]) : 0);
      if (order != 0) {
        return order;
      }
    }
    return 0;
  };

  private final JdbcClient jdbc;
  private final String required;

  /** @param required the version of the last migration this service was built with */
  SchemaHealthIndicator(JdbcClient jdbc, String required) {
    super("Schema health check failed");
    this.jdbc = jdbc;
    this.required = required;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.withDetail("required", required);
    if (!Boolean.TRUE.equals(jdbc.sql(MIGRATED).query(Boolean.class).single())) {
      builder.down().withDetail("problem", "the database has no schema yet: db-writer migrates it when it starts");
      return;
    }
    Optional<String> version = jdbc.sql(VERSIONS).query(String.class).list().stream().max(VERSION_ORDER);
    builder.withDetail("version", version.orElse("none"));
    if (version.isPresent() && VERSION_ORDER.compare(version.get(), required) >= 0) {
      builder.up();
    } else {
      builder.down().withDetail("problem", "the schema is at version " + version.orElse("none")
          + ", this service needs " + required + ": db-writer of the same release migrates it when it starts");
    }
  }
}
