package dev.rowgate.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * rowgate's database schema: the Flyway migrations of this module ({@code classpath:db/migration}),
 * which db-writer applies at start and the other services require, and what the schema shares
 * between services beside its tables.
 */
public final class DatabaseSchema {

  /** Where the migrations are, for Flyway. */
  public static final String MIGRATIONS = "classpath:db/migration";

  /**
   * The LISTEN/NOTIFY channel on which db-writer names each batch whose counts it changed, in the
   * transaction that changed them, and on which the ingest API's waiting readers listen.
   */
  public static final String BATCH_CHANNEL = "rowgate_batches";

  private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");
  private static final String VERSION = latestMigration();

  private DatabaseSchema() {
  }

  /** The version of the last migration this build holds, e.g. {@code "14"}: a service needs that schema or a later one. */
  public static String version() {
    return VERSION;
  }

  private static String latestMigration() {
    try {
      Resource[] migrations = new PathMatchingResourcePatternResolver(DatabaseSchema.class.getClassLoader())
          .getResources("classpath*:db/migration/V*__*.sql");
      return Arrays.stream(migrations).map(Resource::getFilename).map(VERSIONED::matcher).filter(Matcher::matches)
          .map(m -> m.group(1)).max(Comparator.comparingInt(Integer::parseInt))
          .orElseThrow(() -> new IllegalStateException("no migrations on the class path"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the migrations", e);
    }
  }
}
