package dev.rowgate.dbwriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.rowgate.database.DatabaseSchema;
import dev.rowgate.stack.KafkaBroker;
import dev.rowgate.stack.Service;
import dev.rowgate.stack.ServiceProcess;
import dev.rowgate.stack.test.DatabaseNeutral;
import dev.rowgate.stack.test.ServiceInfrastructure;
import dev.rowgate.stack.test.ServiceJar;
import dev.rowgate.stack.test.TcpProxy;
import dev.rowgate.stack.test.TestInfrastructure;
import dev.rowgate.stack.test.TestJvm;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * db-writer started while PostgreSQL cannot be reached waits for it, instead of exiting, and
 * migrates the schema once it answers; a database that answers and refuses it stops it at once.
 */
@DatabaseNeutral
class WriterBeforeDatabaseIT {

  @Test
  void theWriterStartedBeforeTheDatabaseWaitsForItAndMigratesTheSchema() throws IOException {
    int port = KafkaBroker.freePort();
    try (ServiceInfrastructure infrastructure = ServiceInfrastructure.start();
         TcpProxy proxy = TcpProxy.toJdbcUrl(infrastructure.database())) {
      proxy.cut();
      try (ServiceProcess writer = startWriter(infrastructure, proxy.jdbcUrlThrough(infrastructure.database()), port,
          "writer-before-database.log")) {
        // Without the retries it gives up at its first try.
        await().atMost(Duration.ofSeconds(60)).until(() -> !writer.isAlive() || tries(writer) >= 2);
        assertThat(writer.isAlive()).as("alive after its second try").isTrue();
        proxy.restore();

        writer.awaitHttpOk("http://localhost:" + port + "/actuator/health/readiness", Duration.ofSeconds(90));
        JdbcTemplate direct = new JdbcTemplate(new DriverManagerDataSource(infrastructure.database()));
        assertThat(direct.queryForList("SELECT version FROM flyway_schema_history WHERE success", String.class))
            .contains(DatabaseSchema.version());
      }
    }
  }

  @Test
  void aDatabaseThatRefusesTheWriterStopsItAtOnceWithTheReason() throws IOException {
    try (ServiceInfrastructure infrastructure = ServiceInfrastructure.start()) {
      String missing = infrastructure.database().replaceFirst("(jdbc:postgresql://[^/]*/)([^?]*)",
          "$1rowgate_no_such_database");
      try (ServiceProcess writer = startWriter(infrastructure, missing, KafkaBroker.freePort(),
          "writer-refused-by-database.log")) {
        // Waiting for a database that is there and refuses would keep it alive for ten minutes.
        await().atMost(Duration.ofSeconds(60)).until(() -> !writer.isAlive());
        assertThat(Files.readString(writer.log())).contains("database \"rowgate_no_such_database\" does not exist")
            .doesNotContain("PostgreSQL cannot be reached");
      }
    }
  }

  @Test
  void aDatabaseThatCannotHoldEveryCharacterStopsTheWriterWithTheReason() throws IOException {
    try (ServiceInfrastructure infrastructure = ServiceInfrastructure.start()) {
      String latin1 = TestInfrastructure.newDatabase("LATIN1");
      try (ServiceProcess writer = startWriter(infrastructure, latin1, KafkaBroker.freePort(),
          "writer-on-latin1-database.log")) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !writer.isAlive());
        assertThat(Files.readString(writer.log()))
            .containsPattern("rowgate needs a database whose encoding is UTF8; rowgate_it_\\w+ is LATIN1");
      }
      JdbcTemplate direct = new JdbcTemplate(new DriverManagerDataSource(latin1));
      assertThat(direct.queryForList("SELECT version FROM flyway_schema_history WHERE success", String.class))
          .doesNotContain(DatabaseSchema.version());
    }
  }

  @Test
  void aDefinitionFileThatCannotBeReadStopsTheWriterWithItsFileLineAndProblemAndChangesNothing() throws IOException {
    Path definitions = Files.createTempDirectory("rowgate-bad-definitions-");
    Files.writeString(definitions.resolve("orders.yaml"), "table: orders\nkey: id\ncolumns:\n  - name: id\n"
        + "    type: money\n");
    try (ServiceInfrastructure infrastructure = ServiceInfrastructure.start();
         ServiceProcess writer = startWriter(infrastructure, infrastructure.database(), KafkaBroker.freePort(),
             "writer-with-bad-definitions.log", definitions.toString())) {
      await().atMost(Duration.ofSeconds(60)).until(() -> !writer.isAlive());
      assertThat(Files.readString(writer.log())).contains("orders.yaml:5: column 'id' has the unknown type 'money'");
      JdbcTemplate direct = new JdbcTemplate(new DriverManagerDataSource(infrastructure.database()));
      assertThat(direct.queryForObject("SELECT to_regclass('table_definitions') IS NULL", Boolean.class)).isTrue();
    }
  }

  /** How often the writer has found the database unreachable, so far. */
  private static long tries(ServiceProcess writer) throws IOException {
    return Files.readAllLines(writer.log()).stream().filter(line -> line.contains("PostgreSQL cannot be reached"))
        .count();
  }

  /** db-writer on the test's broker and the database at {@code jdbcUrl}, its output in a new log. */
  private static ServiceProcess startWriter(ServiceInfrastructure infrastructure, String jdbcUrl, int port,
                                            String logName) throws IOException {
    return startWriter(infrastructure, jdbcUrl, port, logName, ServiceJar.definitions());
  }

  private static ServiceProcess startWriter(ServiceInfrastructure infrastructure, String jdbcUrl, int port,
                                            String logName, String definitions) throws IOException {
    Path log = Path.of("target", logName);
    Files.deleteIfExists(log);
    return ServiceProcess.start("db-writer", TestJvm.options("256m"), List.of("-jar", ServiceJar.of(Service.DB_WRITER)),
        Map.of("ROWGATE_KAFKA_BOOTSTRAP_SERVERS", infrastructure.broker().bootstrapServers(),
            "ROWGATE_DB_URL", jdbcUrl, "ROWGATE_DB_USER", "", "ROWGATE_WRITER_PORT", String.valueOf(port),
            "ROWGATE_DEFINITIONS_DIR", definitions),
        log);
  }
}
