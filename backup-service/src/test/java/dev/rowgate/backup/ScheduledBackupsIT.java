package dev.rowgate.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import dev.rowgate.backup.catalog.TableCatalog;
import dev.rowgate.backup.snapshot.BackupFiles;
import dev.rowgate.backup.snapshot.Manifest;
import dev.rowgate.stack.test.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "rowgate.security.admin.password=secret", "rowgate.backup.schedule=*/3 * * * * *", "rowgate.backup.keep=1"})
@DirtiesContext
class ScheduledBackupsIT {

  static final String DATABASE = TestInfrastructure.newDatabase();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> DATABASE);
    registry.add("spring.datasource.username", () -> "");
    registry.add("rowgate.backup.directory", () -> Path.of("target", "scheduled-" + UUID.randomUUID()).toString());
  }

  @Autowired
  BackupFiles files;

  @Autowired
  TableCatalog catalog;

  @Test
  void theScheduleBacksUpEveryTableAndKeepsTheNewest() {
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(files.list(Optional.empty())).extracting(Manifest::table)
            .containsExactlyInAnyOrderElementsOf(catalog.names()));
  }
}
