package dev.rowgate.service.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.rowgate.schema.DefinitionFiles;
import dev.rowgate.schema.Definitions;
import dev.rowgate.schema.RowCodec;
import dev.rowgate.schema.Table;
import dev.rowgate.service.definitions.AppliedDefinitions;
import dev.rowgate.service.definitions.DefinitionsApplier;
import dev.rowgate.service.definitions.SchemaHistory;
import org.apache.avro.message.SchemaStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

/**
 * The table definitions of the tests: those the repository ships (the hiring data), as files and
 * as applied to a test database.
 */
public final class TestDefinitions {

  private TestDefinitions() {
  }

  /** The directory the repository ships, as the build names it to the tests. */
  public static Path directory() {
    return Path.of(System.getProperty("rowgate.definitions.directory", "../definitions"));
  }

  /** The example tables of docs/your-own-tables.md, customers and orders. */
  public static Path examples() {
    return directory().resolveSibling("examples").resolve("shop");
  }

  /** A new directory holding the definition files of these directories together. */
  public static Path together(Path... directories) {
    try {
      Path together = Files.createTempDirectory("rowgate-definitions-");
      for (Path directory : directories) {
        try (Stream<Path> files = Files.list(directory)) {
          for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
            Files.copy(file, together.resolve(file.getFileName()));
          }
        }
      }
      return together;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shipped definitions as files have them, unapplied. */
  public static Definitions shipped() {
    return DefinitionFiles.read(directory());
  }

  public static Table table(String name) {
    return shipped().table(name).orElseThrow(() -> new IllegalArgumentException("no shipped table " + name));
  }

  /**
   * Applies the definitions of a directory to a migrated database, as the admin call does: it
   * returns once services that follow them every second (the default) follow the new version.
   */
  public static DefinitionsApplier.Applied apply(DataSource database, Path directory) {
    DefinitionsApplier.Applied applied = new DefinitionsApplier(JdbcClient.create(database),
        new DataSourceTransactionManager(database), Duration.ofSeconds(30), null).apply(DefinitionFiles.read(directory),
        "test", false);
    AppliedDefinitions.awaitPropagation(Duration.ofSeconds(1), System.nanoTime());
    return applied;
  }

  /** A codec of valid rows written in the schemas of the shipped tables, as the validator writes them. */
  public static RowCodec codec() {
    SchemaStore.Cache schemas = new SchemaStore.Cache();
    shipped().tables().forEach(table -> schemas.addSchema(table.validSchema()));
    return new RowCodec(schemas, null);
  }

  /** The definitions applied to a database, as a service follows them. */
  public static Definitions applied(DataSource database) {
    JdbcClient jdbc = JdbcClient.create(database);
    return new AppliedDefinitions(jdbc, new SchemaHistory(jdbc), Duration.ofSeconds(1), new SimpleAsyncTaskScheduler())
        .latest();
  }
}
