package dev.rowgate.dbwriter.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import dev.rowgate.schema.Table;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A writer that would not read the applied version again for ten minutes meets a record written
 * with the schema of a newer version: it reads that version first, so that the record's new
 * column is written, not dropped by reading the record into the older schema.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "rowgate.definitions.refresh=10m")
class WriterReadsNewerSchemasIT extends WriterOnOwnDefinitions {

  @Test
  void aRecordOfANewerSchemaIsWrittenWithTheColumnsOfItsVersion() {
    write("orders.yaml", ORDERS + "  - {name: coupon, type: text, required: false}\n");
    apply();
    Table customers = table("customers");
    Table after = table("orders");
    send(customers, row(customers, Map.of("id", 1L), 0));
    send(after, row(after, Map.of("customer_id", 1L, "order_no", 1, "total", new BigDecimal("2.00"),
        "placed_on", LocalDate.of(2026, 1, 4), "coupon", "SPRING"), 1));

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(jdbc.queryForList("SELECT coupon FROM orders", String.class)).containsExactly("SPRING"));
  }
}
