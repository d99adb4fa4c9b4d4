package dev.rowgate.dbwriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.rowgate.stack.test.OwnInfrastructure;
import dev.rowgate.stack.test.TcpProxy;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The writer reaches PostgreSQL through a proxy that the test cuts, as if the database went down. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
    "rowgate.retry.first=200ms", "rowgate.retry.longest=1s",
    "spring.datasource.hikari.connection-timeout=1000"})
@OwnInfrastructure(databaseThroughProxy = true)
class WriterOutageIT extends WriterOnOwnInfrastructure {

  @Autowired
  TcpProxy proxy;

  @Test
  void rowsWaitForTheDatabaseAndNoneIsLostOrRefused() {
    String batch = UUID.randomUUID().toString();
    JdbcTemplate direct = new JdbcTemplate(new DriverManagerDataSource(infrastructure.database()));
    await().atMost(Duration.ofSeconds(60)).until(() -> listeners.getListenerContainer("db-writer") != null
        && infrastructure.broker().topics().contains("rowgate.departments.valid"));
    proxy.cut();
    try (WriterTestSupport kafka = new WriterTestSupport(infrastructure.broker().bootstrapServers())) {
      kafka.sendValid("departments", IntStream.rangeClosed(1, 500)
          .mapToObj(i -> kafka.department(i, "Department " + i, batch, i - 1)).toArray(GenericRecord[]::new));

      await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).untilAsserted(() ->
          assertThat(direct.queryForObject("SELECT count(*) FROM departments", Long.class)).isZero());
      proxy.restore();

      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(direct.queryForObject("SELECT count(*) FROM departments", Long.class)).isEqualTo(500));
    }
    assertThat(direct.queryForObject("SELECT count(*) FROM departments_errors", Long.class)).isZero();
    assertThat(direct.queryForMap("SELECT valid, persisted, rejected FROM ingest_batches WHERE id = ?", batch))
        .containsEntry("valid", 500L).containsEntry("persisted", 500L).containsEntry("rejected", 0L);
  }
}
