package dev.rowgate.dbwriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.rowgate.service.RetryProperties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseWaitTest {

  @ParameterizedTest
  @ValueSource(strings = {"08001", "08006", "53300", "57P01", "57P03"})
  void aServerThatCannotBeReachedIsWaitedFor(String state) {
    SQLException cause = new SQLException("no answer", state);
    assertThat(DatabaseWait.unreachable(new FlywayException("Unable to obtain connection", cause))).contains(cause);
  }

  @ParameterizedTest
  @ValueSource(strings = {"28000", "28P01", "3D000", "42501", "42P01"})
  void aServerThatAnswersAndRefusesIsNotWaitedFor(String state) {
    SQLException cause = new SQLException("refused", state);
    assertThat(DatabaseWait.unreachable(new FlywayException("Unable to obtain connection", cause))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"08001", "28P01"})
  void thePoolsTimeoutIsJudgedByTheFirstSqlStateInItsChain(String state) {
    SQLException pool = new SQLTransientConnectionException("Connection is not available", state,
        new SQLException("from the server", state));
    assertThat(DatabaseWait.unreachable(new FlywayException("migrate", pool)).isPresent())
        .isEqualTo(state.startsWith("08"));
  }

  @Test
  void aFailureWithoutADatabaseErrorIsNotWaitedFor() {
    assertThat(DatabaseWait.unreachable(new FlywayException("Validate failed: checksum mismatch"))).isEmpty();
  }

  @Test
  void theMigrationRunsOnceTheServerCanBeReached() {
    Flyway flyway = mock(Flyway.class, RETURNS_DEEP_STUBS);
    when(flyway.migrate()).thenThrow(unreachable()).thenThrow(unreachable()).thenReturn(null);
    List<DataSource> defined = new ArrayList<>();
    new DatabaseWait(properties(Duration.ofSeconds(10)), RETRY, defined::add).migrate(flyway);
    verify(flyway, times(3)).migrate();
    assertThat(defined).as("the definitions are applied once, after the migration").hasSize(1);
  }

  @Test
  void aRefusalEndsTheWaitAtOnce() {
    Flyway flyway = mock(Flyway.class, RETURNS_DEEP_STUBS);
    FlywayException refused = new FlywayException("Unable to obtain connection", new SQLException("no", "28P01"));
    when(flyway.migrate()).thenThrow(unreachable()).thenThrow(refused);
    assertThatThrownBy(() -> new DatabaseWait(properties(Duration.ofSeconds(10)), RETRY, database -> { }).migrate(flyway))
        .isSameAs(refused);
    verify(flyway, times(2)).migrate();
  }

  @Test
  void theWaitEndsWhenItsTimeIsOver() {
    Flyway flyway = mock(Flyway.class, RETURNS_DEEP_STUBS);
    when(flyway.migrate()).thenThrow(unreachable());
    assertThatThrownBy(() -> new DatabaseWait(properties(Duration.ofMillis(200)), RETRY, database -> { }).migrate(flyway))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("could not be reached for PT0.2S")
        .hasCauseInstanceOf(FlywayException.class);
    // it tries again after 10, 20, then 40 ms, until the next pause would end after the 200 ms
    verify(flyway, atLeast(3)).migrate();
  }

  private static FlywayException unreachable() {
    return new FlywayException("Unable to obtain connection", new SQLException("The connection attempt failed.", "08001"));
  }

  private static final RetryProperties RETRY = new RetryProperties(Duration.ofMillis(10), Duration.ofMillis(40));

  private static WriterProperties properties(Duration databaseWait) {
    return new WriterProperties(1, databaseWait, Duration.ZERO, false);
  }
}
