package dev.rowgate.dbwriter.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.rowgate.schema.Table;
import dev.rowgate.service.definitions.DefinitionsApplier;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

/**
 * A running writer follows the versions of the definitions that are applied: it writes records of
 * an earlier schema with the defaults of the columns added since, and takes the topics of a table
 * defined while it runs, without a restart.
 */
class WriterFollowsDefinitionsIT extends WriterOnOwnDefinitions {

  @Test
  void recordsOfAnEarlierSchemaAreWrittenWithTheDefaultsOfItsNewColumnsAndANewTableIsTakenWithoutARestart() {
    Table before = table("orders");
    send("customers", row(table("customers"), Map.of("id", 1L), 0));
    send("orders", row(before, Map.of("customer_id", 1L, "order_no", 1, "total", new BigDecimal("9.50"),
        "placed_on", LocalDate.of(2026, 1, 2)), 1));
    await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM orders") == 1);

    write("orders.yaml", ORDERS + "  - {name: channel, type: text, default: web}\n"
        + "  - {name: coupon, type: text, required: false}\n");
    write("notes.yaml", "table: notes\nkey: id\ncolumns: [{name: id, type: uuid}, {name: body, type: text}]\n");
    DefinitionsApplier.Applied applied = apply();
    assertThat(applied.version()).isEqualTo(2);
    Table after = table("orders");

    send("orders", row(before, Map.of("customer_id", 1L, "order_no", 2, "total", new BigDecimal("1.00"),
        "placed_on", LocalDate.of(2026, 1, 3)), 2));
    send("orders", row(after, Map.of("customer_id", 1L, "order_no", 3, "total", new BigDecimal("2.00"),
        "placed_on", LocalDate.of(2026, 1, 4), "channel", "shop", "coupon", "SPRING"), 3));
    send("notes", row(table("notes"), Map.of("id", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
        "body", "after the change"), 4));

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(jdbc.queryForList("SELECT order_no, channel, coupon FROM orders ORDER BY order_no"))
          .containsExactly(row(1, "web", null), row(2, "web", null), row(3, "shop", "SPRING"));
      assertThat(jdbc.queryForList("SELECT body FROM notes", String.class)).containsExactly("after the change");
    });
    assertThat(count("SELECT count(*) FROM orders_errors")).isZero();
  }

  private static Map<String, Object> row(int number, String channel, String coupon) {
    Map<String, Object> row = new HashMap<>();
    row.put("order_no", number);
    row.put("channel", channel);
    row.put("coupon", coupon);
    return row;
  }

  private void send(String table, GenericData.Record row) {
    send(table(table), row);
  }

  private long count(String sql) {
    return jdbc.queryForObject(sql, Long.class);
  }
}
