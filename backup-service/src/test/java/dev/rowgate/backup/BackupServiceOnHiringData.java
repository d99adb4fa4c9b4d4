package dev.rowgate.backup;

import dev.rowgate.stack.test.Http;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.TestPropertySource;

/**
 * A test of backup-service on a database of its own where the hiring data is loaded afresh before
 * each test, two backups kept per table, and a viewer (vera) beside the admin, whom the test
 * reaches as {@link #admin}.
 */
@TestPropertySource(properties = {"rowgate.backup.keep=2", "rowgate.security.users.vera.password=vera-secret",
    "rowgate.security.users.vera.roles=viewer"})
abstract class BackupServiceOnHiringData extends BackupServiceOnOwnDatabase {

  Http admin;

  @BeforeEach
  void data() {
    admin = admin();
    jdbc.execute("TRUNCATE hired_employees, departments, jobs, hired_employees_errors, departments_errors, jobs_errors");
    Tables.loadHiringData(jdbc);
  }
}
