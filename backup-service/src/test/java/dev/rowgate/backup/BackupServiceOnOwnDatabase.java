package dev.rowgate.backup;

import java.nio.file.Path;
import java.util.UUID;

import dev.rowgate.stack.test.Http;
import dev.rowgate.stack.test.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A test of backup-service on a random port, on a PostgreSQL database and a backup directory of
 * the class's own: the database is migrated with database-schema's migrations and the shipped
 * definitions applied when the context starts, and both are left behind after the class. The
 * test reaches the admin API with {@link #admin()}. A class adds its settings with
 * {@code @TestPropertySource}, which adds to these.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "rowgate.security.admin.password=" + BackupServiceOnOwnDatabase.PASSWORD)
@DirtiesContext
public abstract class BackupServiceOnOwnDatabase {

  protected static final String PASSWORD = "a-test-secret";

  /** Called once for each context, so once for each class: each has a database and a directory of its own. */
  @DynamicPropertySource
  static void ownDatabase(DynamicPropertyRegistry registry) {
    String database = TestInfrastructure.newDatabase();
    Path directory = Path.of("target", "backups-" + UUID.randomUUID());
    registry.add("spring.datasource.url", () -> database);
    registry.add("spring.datasource.username", () -> "");
    registry.add("rowgate.backup.directory", directory::toString);
  }

  @Value("${local.server.port}")
  protected int port;

  /** The JDBC URL of the class's database. */
  @Value("${spring.datasource.url}")
  protected String database;

  /** Where the service keeps its backups, a directory per table. */
  @Value("${rowgate.backup.directory}")
  protected Path backups;

  @Autowired
  protected JdbcTemplate jdbc;

  /** The admin API, with the admin's credentials. */
  protected Http admin() {
    return new Http(port).withBasicAuth("admin", PASSWORD);
  }
}
