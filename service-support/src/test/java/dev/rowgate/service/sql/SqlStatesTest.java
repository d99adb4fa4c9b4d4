package dev.rowgate.service.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.UncategorizedSQLException;

class SqlStatesTest {

  @Test
  void aFailureIsReadByTheFirstSqlExceptionAmongItsCauses() {
    SQLException inner = new SQLException("inner", "08006");
    SQLException outer = new SQLException("outer", "23505", inner);
    DataIntegrityViolationException failure = new DataIntegrityViolationException("insert", outer);

    assertThat(SqlStates.first(failure)).containsSame(outer);
    assertThat(SqlStates.of(failure)).contains("23505");
    assertThat(SqlStates.of(new IllegalStateException("no database here"))).isEmpty();
  }

  @Test
  void classesOfStates() {
    assertThat(SqlStates.isDataError(wrapped("22P02"))).isTrue();
    assertThat(SqlStates.isDataError(wrapped("23503"))).isTrue();
    assertThat(SqlStates.isDataError(wrapped("40001"))).isFalse();
    assertThat(SqlStates.isIntegrityViolation(wrapped("23505"))).isTrue();
    assertThat(SqlStates.isIntegrityViolation(wrapped("22P02"))).isFalse();
    assertThat(SqlStates.isLockNotAvailable(new PessimisticLockingFailureException("lock",
        new SQLException("canceling statement due to lock timeout", "55P03")))).isTrue();
    assertThat(SqlStates.isUndefinedTableOrColumn(wrapped("42P01"))).isTrue();
    assertThat(SqlStates.isUndefinedTableOrColumn(wrapped("42703"))).isTrue();
    assertThat(SqlStates.isUndefinedTableOrColumn(wrapped("42601"))).isFalse();
    assertThat(SqlStates.isDataError(new UncategorizedSQLException("no state", "SELECT 1", new SQLException("?"))))
        .isFalse();
  }

  @Test
  void unreachableIsAConnectionResourceOrStartingStateOrNone() {
    assertThat(SqlStates.isUnreachable(new SQLTransientConnectionException("pool timed out"))).isTrue();
    assertThat(SqlStates.isUnreachable(new SQLException("refused", "08001"))).isTrue();
    assertThat(SqlStates.isUnreachable(new SQLException("too many clients", "53300"))).isTrue();
    assertThat(SqlStates.isUnreachable(new SQLException("starting up", "57P03"))).isTrue();
    assertThat(SqlStates.isUnreachable(new SQLException("password authentication failed", "28P01"))).isFalse();
  }

  private static UncategorizedSQLException wrapped(String state) {
    return new UncategorizedSQLException("statement", "SELECT 1", new SQLException("failed", state));
  }
}
