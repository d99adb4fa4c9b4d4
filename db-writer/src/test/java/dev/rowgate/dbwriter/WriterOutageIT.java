package dev.rowgate.dbwriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.rowgate.stack.KafkaBroker;
import dev.rowgate.stack.test.ServiceInfrastructure;
import dev.rowgate.stack.test.TcpProxy;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The writer reaches PostgreSQL through a proxy that the test cuts, as if the database went down. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
    "rowgate.retry.first=200ms", "rowgate.retry.longest=1s",
    "spring.datasource.hikari.connection-timeout=1000"})
@DirtiesContext
class WriterOutageIT {

  static final ServiceInfrastructure INFRASTRUCTURE = ServiceInfrastructure.start();
  static final KafkaBroker BROKER = INFRASTRUCTURE.broker();
  static final String DATABASE = INFRASTRUCTURE.database();
  static final TcpProxy PROXY = TcpProxy.toJdbcUrl(DATABASE);

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    INFRASTRUCTURE.register(registry, PROXY.jdbcUrlThrough(DATABASE));
  }

  @AfterAll
  static void stop() {
    PROXY.close();
    INFRASTRUCTURE.close();
  }

  @Autowired
  KafkaListenerEndpointRegistry listeners;

  @Test
  void rowsWaitForTheDatabaseAndNoneIsLostOrRefused() {
    String batch = UUID.randomUUID().toString();
    JdbcTemplate direct = new JdbcTemplate(new DriverManagerDataSource(DATABASE));
    await().atMost(Duration.ofSeconds(60)).until(() -> listeners.getListenerContainer("db-writer") != null
        && BROKER.topics().contains("rowgate.departments.valid"));
    PROXY.cut();
    try (WriterTestSupport kafka = new WriterTestSupport(BROKER.bootstrapServers())) {
      kafka.sendValid("departments", IntStream.rangeClosed(1, 500)
          .mapToObj(i -> kafka.department(i, "Department " + i, batch, i - 1)).toArray(GenericRecord[]::new));

      await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).untilAsserted(() ->
          assertThat(direct.queryForObject("SELECT count(*) FROM departments", Long.class)).isZero());
      PROXY.restore();

      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(direct.queryForObject("SELECT count(*) FROM departments", Long.class)).isEqualTo(500));
    }
    assertThat(direct.queryForObject("SELECT count(*) FROM departments_errors", Long.class)).isZero();
    assertThat(direct.queryForMap("SELECT valid, persisted, rejected FROM ingest_batches WHERE id = ?", batch))
        .containsEntry("valid", 500L).containsEntry("persisted", 500L).containsEntry("rejected", 0L);
  }
}
