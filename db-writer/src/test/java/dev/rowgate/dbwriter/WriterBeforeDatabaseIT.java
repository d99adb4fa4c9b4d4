package dev.rowgate.dbwriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.rowgate.stack.KafkaBroker;
import dev.rowgate.stack.Service;
import dev.rowgate.stack.ServiceProcess;
import dev.rowgate.stack.test.DatabaseNeutral;
import dev.rowgate.stack.test.Migrations;
import dev.rowgate.stack.test.ServiceInfrastructure;
import dev.rowgate.stack.test.ServiceJar;
import dev.rowgate.stack.test.TcpProxy;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * db-writer started while PostgreSQL cannot be reached waits for it, instead of exiting, and
 * migrates the schema once it answers.
 */
@DatabaseNeutral
class WriterBeforeDatabaseIT {

  @Test
  void theWriterStartedBeforeTheDatabaseWaitsForItAndMigratesTheSchema() {
    int port = KafkaBroker.freePort();
    try (ServiceInfrastructure infrastructure = ServiceInfrastructure.start();
         TcpProxy proxy = TcpProxy.toJdbcUrl(infrastructure.database())) {
      proxy.cut();
      try (ServiceProcess writer = ServiceProcess.start("db-writer", List.of("-Xmx256m"),
          List.of("-jar", ServiceJar.of(Service.DB_WRITER)),
          Map.of("ROWGATE_KAFKA_BOOTSTRAP_SERVERS", infrastructure.broker().bootstrapServers(),
              "ROWGATE_DB_URL", proxy.jdbcUrlThrough(infrastructure.database()), "ROWGATE_DB_USER", "",
              "ROWGATE_WRITER_PORT", String.valueOf(port), "SPRING_FLYWAY_CONNECT_RETRIES_INTERVAL", "2s"),
          Path.of("target", "writer-before-database.log"))) {
        // Without the retries it gives up at its first try, seconds after it starts.
        await().during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(20)).until(writer::isAlive);
        proxy.restore();

        writer.awaitHttpOk("http://localhost:" + port + "/actuator/health/readiness", Duration.ofSeconds(90));
        JdbcTemplate direct = new JdbcTemplate(new DriverManagerDataSource(infrastructure.database()));
        assertThat(direct.queryForList("SELECT version FROM flyway_schema_history WHERE success", String.class))
            .contains(Migrations.latest());
      }
    }
  }
}
