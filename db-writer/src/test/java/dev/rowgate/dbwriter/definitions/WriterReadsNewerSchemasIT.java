package dev.rowgate.dbwriter.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import dev.rowgate.schema.DefinitionFiles;
import dev.rowgate.schema.Table;
import dev.rowgate.service.definitions.DefinitionsApplier;
import dev.rowgate.stack.test.ServiceInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A writer that would not read the applied version again for ten minutes meets a record written
 * with the schema of a newer version: it reads that version first, so that the record's new
 * column is written, not dropped by reading the record into the older schema.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "rowgate.definitions.refresh=10m")
@DirtiesContext
class WriterReadsNewerSchemasIT {

  static final ServiceInfrastructure INFRASTRUCTURE = ServiceInfrastructure.start();
  static final Path DEFINITIONS = directory();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    INFRASTRUCTURE.register(registry);
    registry.add("rowgate.definitions.directory", DEFINITIONS::toString);
  }

  @AfterAll
  static void stop() {
    INFRASTRUCTURE.close();
  }

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  PlatformTransactionManager transactions;

  @Test
  void aRecordOfANewerSchemaIsWrittenWithTheColumnsOfItsVersion() throws IOException {
    Files.writeString(DEFINITIONS.resolve("orders.yaml"), WriterFollowsDefinitionsIT.ORDERS
        + "  - {name: coupon, type: text, required: false}\n");
    new DefinitionsApplier(JdbcClient.create(jdbc), transactions, Duration.ofSeconds(30), null).apply(DefinitionFiles.read(DEFINITIONS), "test",
        false);
    Table customers = DefinitionFiles.read(DEFINITIONS).table("customers").orElseThrow();
    Table after = DefinitionFiles.read(DEFINITIONS).table("orders").orElseThrow();
    WriterFollowsDefinitionsIT.send(INFRASTRUCTURE, customers, WriterFollowsDefinitionsIT.row(customers,
        Map.of("id", 1L), 0));
    WriterFollowsDefinitionsIT.send(INFRASTRUCTURE, after, WriterFollowsDefinitionsIT.row(after, Map.of(
        "customer_id", 1L, "order_no", 1, "total", new BigDecimal("2.00"), "placed_on", LocalDate.of(2026, 1, 4),
        "coupon", "SPRING"), 1));

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(jdbc.queryForList("SELECT coupon FROM orders", String.class)).containsExactly("SPRING"));
  }

  private static Path directory() {
    try {
      Path directory = Files.createTempDirectory("rowgate-definitions-");
      Files.writeString(directory.resolve("customers.yaml"), WriterFollowsDefinitionsIT.CUSTOMERS);
      Files.writeString(directory.resolve("orders.yaml"), WriterFollowsDefinitionsIT.ORDERS);
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
