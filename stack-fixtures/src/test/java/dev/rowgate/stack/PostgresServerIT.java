package dev.rowgate.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import dev.rowgate.stack.test.TestInfrastructure;
import org.junit.jupiter.api.Test;

class PostgresServerIT {

  @Test
  void newDatabaseIsEmptyAndDefaultsToItsOwnTimeZone() throws Exception {
    String url = TestInfrastructure.newDatabase();
    try (Connection c = DriverManager.getConnection(url);
         ResultSet rs = c.createStatement().executeQuery("""
             SELECT s.setconfig::text, (SELECT count(*) FROM pg_tables WHERE schemaname = 'public')
             FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase
             WHERE d.datname = current_database()""")) {
      rs.next();
      assertThat(rs.getString(1)).contains("TimeZone=" + TestInfrastructure.DATABASE_TIME_ZONE);
      assertThat(rs.getLong(2)).isZero();
    }
  }
}
