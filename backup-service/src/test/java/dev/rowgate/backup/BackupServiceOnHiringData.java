package dev.rowgate.backup;

import java.nio.file.Path;
import java.util.UUID;

import dev.rowgate.stack.test.Http;
import dev.rowgate.stack.test.TestInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A test of backup-service on a random port and a real PostgreSQL whose schema comes from
 * database-schema's migrations, keeping two backups per table; the hiring data is loaded afresh before
 * each test. The test reaches the admin API as {@link #admin}, with its credentials.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "rowgate.security.admin.password=" + BackupServiceOnRealDatabase.PASSWORD, "rowgate.backup.keep=2",
    "rowgate.security.users.vera.password=vera-secret", "rowgate.security.users.vera.roles=viewer"})
@DirtiesContext
abstract class BackupServiceOnRealDatabase {

  static final String PASSWORD = "a-test-secret";
  static final String DATABASE = TestInfrastructure.newDatabase();
  static final Path DIRECTORY = Path.of("target", "backups-" + UUID.randomUUID());

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> DATABASE);
    registry.add("spring.datasource.username", () -> "");
    registry.add("rowgate.backup.directory", DIRECTORY::toString);
  }

  @Value("${local.server.port}")
  int port;

  @Autowired
  JdbcTemplate jdbc;

  Http admin;

  @BeforeEach
  void data() {
    admin = new Http(port).withBasicAuth("admin", PASSWORD);
    jdbc.execute("TRUNCATE hired_employees, departments, jobs, hired_employees_errors, departments_errors, jobs_errors");
    Tables.loadHiringData(jdbc);
  }
}
