package dev.rowgate.stack.test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.rowgate.stack.KafkaBroker;
import dev.rowgate.stack.PostgresServer;

/**
 * The real infrastructure of the integration tests: a Kafka broker per caller, and one PostgreSQL
 * server per JVM on which each caller gets a database of its own. The server is embedded unless
 * the system property {@code rowgate.test.db-url} (or {@code ROWGATE_TEST_DB_URL}) names a
 * database of an external server; then the databases are made there and dropped at exit.
 *
 * <p>Every test database runs in a time zone far from UTC, so nothing may depend on the session's
 * default time zone.
 */
public final class TestInfrastructure {

  /** UTC+14: whatever depends on the database's default time zone shows it. */
  public static final String DATABASE_TIME_ZONE = "Pacific/Kiritimati";

  private static PostgresServer postgres;
  private static final List<String> CREATED = new ArrayList<>();

  private TestInfrastructure() {
  }

  public static synchronized PostgresServer postgres() {
    if (postgres == null) {
      String url = firstNonBlank(System.getProperty("rowgate.test.db-url"), System.getenv("ROWGATE_TEST_DB_URL"));
      postgres = url == null ? PostgresServer.embedded(null, 0) : PostgresServer.external(url);
      Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::cleanUp, "test-databases-cleanup"));
    }
    return postgres;
  }

  /** Creates a new, empty database and returns its JDBC URL. */
  public static synchronized String newDatabase() {
    return newDatabase(null);
  }

  /** Creates a new, empty database in {@code encoding} (the server's default if null) and returns its JDBC URL. */
  public static synchronized String newDatabase(String encoding) {
    String name = "rowgate_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    postgres().createDatabase(name, DATABASE_TIME_ZONE, encoding);
    CREATED.add(name);
    return postgres.jdbcUrl(name);
  }

  /** Starts a new broker on a free port; the caller closes it. */
  public static KafkaBroker newBroker() {
    return KafkaBroker.startTemporary();
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  private static synchronized void cleanUp() {
    if (postgres.isEmbedded()) {
      postgres.close();
      return;
    }
    for (String name : CREATED) {
      postgres.dropDatabase(name);
    }
  }
}
