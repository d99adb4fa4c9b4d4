package dev.rowgate.backup;

import static dev.rowgate.stack.test.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.rowgate.service.test.TestDefinitions;
import dev.rowgate.stack.test.Http;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Tables declared only in files, applied by the admin call at run time: the call checks, applies
 * and refuses as db-writer does at start, and the tables it makes are backed up and restored like
 * the hiring data's, a key of two columns, numbers, dates and uuids included.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OwnTablesIT extends BackupServiceOnOwnDatabase {

  static final Path DEFINITIONS = TestDefinitions.together(TestDefinitions.directory());

  @DynamicPropertySource
  static void definitions(DynamicPropertyRegistry registry) {
    registry.add("rowgate.definitions.directory", DEFINITIONS::toString);
  }

  @Test
  @Order(1)
  void theAdminCallAppliesTheFilesOfTheDirectoryWithADryRunFirst() throws IOException {
    Http admin = admin();
    assertThat(admin.get("/api/v1/definitions").json().get("version").intValue()).isEqualTo(1);
    for (String file : new String[] {"customers.yaml", "orders.yaml"}) {
      Files.copy(TestDefinitions.examples().resolve(file), DEFINITIONS.resolve(file));
    }

    JsonNode dry = admin.post("/api/v1/definitions?dryRun=true").json();
    assertThat(dry.get("dryRun").booleanValue()).isTrue();
    assertThat(dry.get("changes").valueStream().map(JsonNode::stringValue)).containsExactly("created table customers",
        "created table customers_errors", "created table orders", "created table orders_errors");
    assertThat(jdbc.queryForObject("SELECT to_regclass('orders') IS NULL", Boolean.class)).isTrue();

    Http.Answer applied = admin.post("/api/v1/definitions");
    assertThat(applied.status()).as(applied.body()).isEqualTo(200);
    assertThat(applied.json().get("version").intValue()).isEqualTo(2);
    assertThat(admin.post("/api/v1/definitions").json().get("changed").booleanValue()).isFalse();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(admin.get("/api/v1/backups?table=orders")
        .status()).isEqualTo(200));
    assertThat(new Http(port).post("/api/v1/definitions").status()).isEqualTo(401);
  }

  @Test
  @Order(2)
  void aChangeThatWouldLoseRowsIsRefusedWithEveryProblemAndNothingChanges() throws IOException {
    Path orders = DEFINITIONS.resolve("orders.yaml");
    String applied = Files.readString(orders);
    Files.writeString(orders, applied.replace("  - name: gift\n    type: boolean\n", "")
        .replace("    type: decimal\n    precision: 12", "    type: decimal\n    precision: 14"));
    try {
      Http.Answer refused = admin().post("/api/v1/definitions");

      assertProblem(refused, 422, "definitions-refused");
      assertThat(refused.json().get("problems").valueStream().map(p -> p.get("message").stringValue())).containsExactly(
          "orders.gift: dropped (a rename is a drop and an add): the rows the table holds and the records in its topics "
              + "have values for it; a column is not dropped",
          "orders.total: the type changes from decimal(12, 2) to decimal(14, 2): the rows the table holds and the "
              + "records in its topics are of the old type; a column's type does not change");
      assertThat(refused.json().get("problems").get(0).get("file").stringValue()).isEqualTo("orders.yaml");
      assertThat(admin().get("/api/v1/definitions").json().get("version").intValue()).isEqualTo(2);
    } finally {
      Files.writeString(orders, applied);
    }
    Files.writeString(DEFINITIONS.resolve("broken.yaml"), "table: broken\nkey: id\ncolumns: [{name: id, type: int}]\n");
    try {
      Http.Answer unreadable = admin().post("/api/v1/definitions");
      assertProblem(unreadable, 422, "definitions-refused");
      assertThat(unreadable.json().get("problems").get(0).toString()).contains("\"file\":\"broken.yaml\"", "\"line\":3",
          "unknown type 'int'");
    } finally {
      Files.delete(DEFINITIONS.resolve("broken.yaml"));
    }
  }

  @Test
  @Order(3)
  void tablesOfAKeyOfTwoColumnsAndOfEveryTypeAreBackedUpAndRestoredExactly() {
    jdbc.update("INSERT INTO customers (id, email, name, vip, since) VALUES (1, 'a@shop.example', 'Ann', true, "
        + "'2020-02-29'), (2, 'b@shop.example', 'Bo', false, NULL)");
    jdbc.update("INSERT INTO orders (customer_id, order_no, placed_on, total, status, gift, placed_at, tracking) VALUES "
        + "(1, 1, '2021-01-01', 12.50, 'paid', false, '2021-01-01T10:00:00Z', '123e4567-e89b-12d3-a456-426614174000'),"
        + "(1, 2, '2021-01-02', 0.01, 'new', true, NULL, NULL), (2, 1, '2021-01-03', 9999999999.99, 'shipped', false, "
        + "NULL, NULL)");
    String customers = Tables.fingerprint(jdbc, "customers");
    String orders = Tables.fingerprint(jdbc, "orders");
    Http admin = admin();
    assertThat(admin.post("/api/v1/backups/customers?wait=30s").status()).isEqualTo(201);
    assertThat(admin.post("/api/v1/backups/orders?wait=30s").status()).isEqualTo(201);

    jdbc.update("UPDATE customers SET name = 'changed', vip = NOT vip");
    jdbc.update("UPDATE orders SET total = total / 2, tracking = gen_random_uuid() WHERE order_no = 1");
    jdbc.update("DELETE FROM orders WHERE order_no = 2");

    Http.Answer restoredCustomers = admin.post("/api/v1/restores/customers?wait=30s");
    assertThat(restoredCustomers.status()).as(restoredCustomers.body()).isEqualTo(200);
    Http.Answer restoredOrders = admin.post("/api/v1/restores/orders?wait=30s");
    assertThat(restoredOrders.status()).as(restoredOrders.body()).isEqualTo(200);
    assertThat(Tables.fingerprint(jdbc, "customers")).isEqualTo(customers);
    assertThat(Tables.fingerprint(jdbc, "orders")).isEqualTo(orders);
  }
}
