package dev.rowgate.backup.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.rowgate.backup.BackupServiceOnOwnDatabase;
import dev.rowgate.backup.catalog.TableCatalog;
import dev.rowgate.service.problem.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.test.context.TestPropertySource;

/**
 * Two instances of backup-service share one database: the application's {@link Operations} and
 * a second one beside it, which knows of the first only what PostgreSQL tells it.
 */
@TestPropertySource(properties = "spring.datasource.hikari.maximum-pool-size=4")
class OperationsIT extends BackupServiceOnOwnDatabase {

  @Autowired
  TableCatalog catalog;

  @Autowired
  Operations first;

  @Autowired
  TaskScheduler scheduler;

  Operations second;

  @BeforeEach
  void secondInstance() {
    second = new Operations(new DriverManagerDataSource(database, "", ""), JdbcClient.create(jdbc), scheduler);
  }

  @AfterEach
  void stopSecondInstance() {
    second.destroy();
  }

  @Test
  void aTableHasOneOperationAtATimeAcrossInstancesAndEveryInstanceTellsItsProgressAndOutcome() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Operation backup = first.start(Operation.Kind.BACKUP, "jobs", "backup-of-jobs", operation -> {
      operation.phase("reading", 10);
      operation.progress(4);
      awaitRelease(release);
      return Map.of("rows", 10);
    });

    assertThatThrownBy(() -> second.start(Operation.Kind.RESTORE, "jobs", "restore-of-jobs", operation -> "never"))
        .isInstanceOf(ApiException.class).hasFieldOrPropertyWithValue("status", HttpStatus.CONFLICT)
        .hasMessageContaining("backup-of-jobs");
    Operation other = second.start(Operation.Kind.BACKUP, "departments", "backup-of-departments", operation -> "ok");
    assertThat(Operations.await(other, Duration.ofSeconds(10)).state()).isEqualTo(Operation.State.DONE);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(second.find("backup-of-jobs")).hasValueSatisfying(
        view -> assertThat(view).extracting("state", "phase", "done", "total").containsExactly("running", "reading", 4L, 10L)));

    release.countDown();
    assertThat(Operations.await(backup, Duration.ofSeconds(10)).state()).isEqualTo(Operation.State.DONE);
    assertThat(second.find("backup-of-jobs")).hasValueSatisfying(view -> {
      assertThat(view.state()).isEqualTo("done");
      assertThat(view.result()).hasToString("{\"rows\":10}");
      assertThat(view.finishedAt()).isNotNull();
    });
    Operation restore = second.start(Operation.Kind.RESTORE, "jobs", "restore-of-jobs", operation -> "restored");
    assertThat(Operations.await(restore, Duration.ofSeconds(10)).state()).isEqualTo(Operation.State.DONE);
  }

  @Test
  void anOperationLeftRunningByAStoppedInstanceIsShownAsAbandonedAndDoesNotHoldItsTable() {
    jdbc.update("""
        INSERT INTO backup_operations (id, kind, table_name, state, phase, done, unit, started_at)
        VALUES ('restore-of-a-dead-instance', 'restore', 'hired_employees', 'running', 'loading', 500, 'rows', now())""");

    assertThat(first.find("restore-of-a-dead-instance")).hasValueSatisfying(view -> {
      assertThat(view.state()).isEqualTo("failed");
      assertThat(view.error()).startsWith("abandoned");
    });

    Operation backup = second.start(Operation.Kind.BACKUP, "hired_employees", "backup-after-it", operation -> "ok");
    assertThat(Operations.await(backup, Duration.ofSeconds(10)).state()).isEqualTo(Operation.State.DONE);
    assertThat(jdbc.queryForObject("SELECT state FROM backup_operations WHERE id = 'restore-of-a-dead-instance'",
        String.class)).isEqualTo("failed");
  }

  @Test
  void operationsOnEveryTableAtOnceAllFinishThoughTheyOutnumberThePoolsConnections() {
    List<Operation> operations = catalog.names().stream()
        .map(table -> first.start(Operation.Kind.BACKUP, table, "all-at-once-" + table,
            operation -> jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class)))
        .toList();

    assertThat(operations).hasSizeGreaterThanOrEqualTo(6).allSatisfy(operation ->
        assertThat(Operations.await(operation, Duration.ofSeconds(30)).state()).isEqualTo(Operation.State.DONE));
  }

  private static void awaitRelease(CountDownLatch release) {
    try {
      assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
