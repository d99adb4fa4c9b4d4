package dev.rowgate.service.test;

import java.nio.file.Path;

import dev.rowgate.stack.test.TestInfrastructure;
import dev.rowgate.database.DatabaseSchema;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A new test database as db-writer leaves it when it has started: migrated (by db-writer's
 * migrations, which the test's class path holds) and with table definitions applied.
 */
public final class DefinedDatabase {

  private DefinedDatabase() {
  }

  /** A new database with the shipped definitions applied; its JDBC URL. */
  public static String create() {
    return create(TestDefinitions.directory());
  }

  /** A new database with the definitions of a directory applied; its JDBC URL. */
  public static String create(Path definitions) {
    String url = TestInfrastructure.newDatabase();
    define(url, definitions);
    return url;
  }

  /** Migrates the database at {@code url} and applies the shipped definitions to it. */
  public static void define(String url) {
    define(url, TestDefinitions.directory());
  }

  private static void define(String url, Path definitions) {
    DriverManagerDataSource database = new DriverManagerDataSource(url);
    Flyway.configure().dataSource(database).locations(DatabaseSchema.MIGRATIONS).load().migrate();
    TestDefinitions.apply(database, definitions);
  }
}
