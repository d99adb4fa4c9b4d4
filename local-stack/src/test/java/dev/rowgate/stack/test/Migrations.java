package dev.rowgate.stack.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** db-writer's Flyway migrations, as a test that has them on its class path sees them. */
public final class Migrations {

  private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");

  private Migrations() {
  }

  /** The version of the last migration, e.g. {@code "10"}. */
  public static String latest() {
    try {
      Resource[] migrations = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/V*__*.sql");
      return Arrays.stream(migrations).map(Resource::getFilename).map(VERSIONED::matcher).filter(Matcher::matches)
          .map(m -> m.group(1)).max(Comparator.comparingInt(Integer::parseInt))
          .orElseThrow(() -> new IllegalStateException("no migrations on the class path"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
