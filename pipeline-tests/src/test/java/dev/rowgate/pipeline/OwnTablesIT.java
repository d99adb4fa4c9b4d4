package dev.rowgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.rowgate.avro.Channel;
import dev.rowgate.avro.Origin;
import dev.rowgate.avro.RawField;
import dev.rowgate.avro.RawRow;
import dev.rowgate.schema.AvroCodec;
import dev.rowgate.service.test.TestDefinitions;
import dev.rowgate.stack.test.Http;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Two tables that no code knows, customers and orders (examples/shop), declared only in files: a
 * key of two columns, a decimal, dates, a time, a boolean, a uuid, a pattern, a list of values and a
 * reference from orders to customers. They go through every path, then orders gains columns while
 * rows flow, then a breaking change is refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OwnTablesIT {

  static final Path DEFINITIONS = TestDefinitions.together(TestDefinitions.directory(), TestDefinitions.examples());

  static Pipeline pipeline;

  @BeforeAll
  static void start() {
    pipeline = Pipeline.withDefinitions(DEFINITIONS);
  }

  @AfterAll
  static void stop() {
    pipeline.close();
  }

  @Test
  @Order(1)
  void aJsonBatchOfCustomersIsValidatedByTheirDefinitionWithEveryReason() {
    JsonNode status = batch(pipeline.api.post("/api/v1/tables/customers/rows", "application/json", """
        [{"id": 1, "email": "ann@shop.example", "name": "Ann", "vip": true, "since": "2020-02-29"},
         {"id": "2", "email": "bo@shop.example", "name": "Bo"},
         {"id": 3, "email": "cy@shop.example", "name": "Cy", "vip": "yes", "since": ""},
         {"id": 0, "email": "not an email", "name": "  ", "vip": "maybe", "since": "2020-02-30", "nickname": "x"},
         {"email": "x@shop.example", "name": "No id"}]"""));

    assertThat(status.get("state").stringValue()).isEqualTo("done");
    assertThat(status.get("persisted").longValue()).isEqualTo(3);
    assertThat(reasons(status)).containsExactly(
        "id: range: id 0 is not between 1 and 9223372036854775807",
        "email: pattern: email 'not an email' does not match the pattern [^@\\s]+@[^@\\s]+\\.[^@\\s]+",
        "name: not_blank: name is blank",
        "vip: type: vip expected a boolean (true or false), got 'maybe'",
        "since: format: since '2020-02-30' is not an ISO-8601 date, like 2021-11-07",
        "nickname: unknown: nickname is not a column of customers",
        "|id: required: id is missing");
    assertThat(pipeline.count("SELECT count(*) FROM customers WHERE NOT vip AND since IS NULL")).isEqualTo(1);
    assertThat(pipeline.count("SELECT count(*) FROM customers WHERE vip AND since = '2020-02-29'")).isEqualTo(1);
    assertThat(pipeline.count("SELECT count(*) FROM customers_errors")).isEqualTo(2);
  }

  @Test
  @Order(2)
  void aCsvFileOfOrdersWithAHeaderIsUpsertedByItsKeyOfTwoColumnsAndAMissingCustomerIsWaitedForThenRefused() {
    String csv = """
        order_no,customer_id,placed_on,total,status,gift,placed_at,tracking
        1,1,2021-01-01,12.50,paid,false,2021-01-01T10:00:00Z,123e4567-e89b-12d3-a456-426614174000
        2,1,2021-01-02,0.5,new,true,,
        1,2,2021-01-03,100,shipped,no,,
        3,1,1999-12-31,1.234,lost,maybe,yesterday,not-a-uuid
        4,9,2021-01-04,5,new,false,,
        1,1,2021-01-01,13.00,shipped,false,2021-01-01T10:00:00Z,123e4567-e89b-12d3-a456-426614174000
        5,1,2021-01-05,-1,new,false,,
        """;
    JsonNode status = pipeline.awaitBatch(pipeline.sendCsv("orders", "orders.csv", csv.getBytes(StandardCharsets.UTF_8)),
        Duration.ofSeconds(60));

    assertThat(status.get("state").stringValue()).isEqualTo("done");
    assertThat(status.get("received").longValue()).isEqualTo(7);
    assertThat(status.get("persisted").longValue()).isEqualTo(4);
    assertThat(reasons(status)).containsExactly(
        "placed_on: range: placed_on 1999-12-31 is before 2000-01-01",
        "total: precision: total 1.234 has more than 2 digits after the decimal point (decimal(12, 2))",
        "status: one_of: status 'lost' is not one of new, paid, shipped, cancelled",
        "gift: type: gift expected a boolean (true or false), got 'maybe'",
        "placed_at: format: placed_at 'yesterday' is not an ISO-8601 date-time with an offset, like 2021-11-07T02:48:42Z",
        "tracking: format: tracking 'not-a-uuid' is not a UUID, like 123e4567-e89b-12d3-a456-426614174000",
        "|customer_id: reference: customer_id 9 names no row of customers",
        "|total: range: total -1.00 is less than 0");
    assertThat(pipeline.count("SELECT count(*) FROM orders")).isEqualTo(3);
    assertThat(pipeline.count("SELECT count(*) FROM orders WHERE customer_id = 1 AND order_no = 1 AND total = 13.00 "
        + "AND status = 'shipped' AND tracking = '123e4567-e89b-12d3-a456-426614174000'")).isEqualTo(1);
  }

  @Test
  @Order(3)
  void aCsvFileWithoutAHeaderGivesItsValuesInColumnOrderAndMayLeaveOutTheTrailingOptionalOnes() {
    String csv = "2,2,2021-02-01,7.25,paid,true,2021-02-01T00:00:00+01:00,\n2,3,2021-02-02,8,new,false\n2,4,2021-02-03\n";
    JsonNode status = pipeline.awaitBatch(pipeline.sendCsv("orders", "no-header.csv",
        csv.getBytes(StandardCharsets.UTF_8)), Duration.ofSeconds(60));

    assertThat(status.get("persisted").longValue()).isEqualTo(2);
    assertThat(reasons(status)).containsExactly("null: columns: expected 6 to 8 values, found 3",
        "total: required: total is missing", "status: required: status is missing", "gift: required: gift is missing");
    assertThat(pipeline.count("SELECT count(*) FROM orders WHERE customer_id = 2 AND placed_at = "
        + "'2021-01-31T23:00:00Z'")).isEqualTo(1);
  }

  @Test
  @Order(4)
  void aProducersAvroAndJsonRecordsFlowLikeThoseOfTheApi() throws Exception {
    RawRow avro = new RawRow(new Origin(Channel.PRODUCER, "producer-orders", 0, null, null, Instant.now()),
        List.of(new RawField("customer_id", 1L), new RawField("order_no", 10L), new RawField("placed_on", "2021-03-01"),
            new RawField("total", 3.5), new RawField("status", "paid"), new RawField("gift", false)));
    ProducerRecord<byte[], byte[]> json = new ProducerRecord<>("rowgate.orders.raw", null, ("{\"customer_id\": 2, "
        + "\"order_no\": 11, \"placed_on\": \"2021-03-02\", \"total\": \"4\", \"status\": \"new\", \"gift\": true}")
        .getBytes(StandardCharsets.UTF_8));
    json.headers().add("rowgate-batch-id", "producer-orders".getBytes(StandardCharsets.UTF_8));
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
        pipeline.stack.kafkaServers(), "key.serializer", ByteArraySerializer.class,
        "value.serializer", ByteArraySerializer.class))) {
      producer.send(new ProducerRecord<>("rowgate.orders.raw", AvroCodec.encode(avro))).get();
      producer.send(json).get();
    }

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(pipeline.count(
        "SELECT count(*) FROM orders WHERE order_no IN (10, 11) AND placed_on >= '2021-03-01'")).isEqualTo(2));
    assertThat(pipeline.api.get("/api/v1/batches/producer-orders").json().get("persisted").longValue()).isEqualTo(2);
  }

  @Test
  @Order(5)
  void tablesOfTheirOwnAreBackedUpAndRestored() {
    Http admin = pipeline.admin();
    assertThat(admin.post("/api/v1/backups/orders?wait=60s").status()).isEqualTo(201);
    assertThat(admin.post("/api/v1/backups/customers?wait=60s").status()).isEqualTo(201);
    batch(pipeline.api.post("/api/v1/tables/orders/rows", "application/json", "[{\"customer_id\": 1, \"order_no\": 1, "
        + "\"placed_on\": \"2021-01-01\", \"total\": 99, \"status\": \"cancelled\", \"gift\": false}]"));
    assertThat(pipeline.count("SELECT count(*) FROM orders WHERE status = 'cancelled'")).isEqualTo(1);

    assertThat(admin.post("/api/v1/restores/customers?wait=60s").status()).isEqualTo(200);
    Http.Answer restore = admin.post("/api/v1/restores/orders?wait=60s");

    assertThat(restore.status()).as(restore.body()).isEqualTo(200);
    assertThat(pipeline.count("SELECT count(*) FROM orders WHERE status = 'cancelled'")).isZero();
    assertThat(pipeline.count("SELECT count(*) FROM orders WHERE order_no = 1 AND customer_id = 1 AND total = 13"))
        .isEqualTo(1);
    assertThat(pipeline.count("SELECT count(*) FROM orders")).isEqualTo(7);
  }

  @Test
  @Order(6)
  void aColumnAddedWhileRowsFlowArrivesAndNoRowIsLost() throws IOException {
    AtomicBoolean flowing = new AtomicBoolean(true);
    AtomicBoolean applied = new AtomicBoolean();
    AtomicInteger next = new AtomicInteger(1000);
    List<String> batches = new CopyOnWriteArrayList<>();
    AtomicInteger withCoupon = new AtomicInteger();
    CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
      while (flowing.get()) {
        boolean coupon = applied.get();
        int first = next.getAndAdd(20);
        String rows = IntStream.range(first, first + 20).mapToObj(n -> "{\"customer_id\": 1, \"order_no\": " + n
            + ", \"placed_on\": \"2021-04-01\", \"total\": 1, \"status\": \"new\", \"gift\": false"
            + (coupon ? ", \"coupon\": \"SPRING\"" : "") + "}").collect(Collectors.joining(",", "[", "]"));
        Http.Answer answer = pipeline.api.post("/api/v1/tables/orders/rows", "application/json", rows);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        batches.add(answer.json().get("batchId").stringValue());
        if (coupon) {
          withCoupon.addAndGet(20);
        }
      }
    });
    await().atMost(Duration.ofSeconds(60)).until(() -> batches.size() >= 5);
    Path orders = DEFINITIONS.resolve("orders.yaml");
    Files.writeString(orders, Files.readString(orders) + """
          - name: channel
            type: text
            default: web
          - name: coupon
            type: text
            required: false
            max_length: 20
        """);

    Http.Answer change = pipeline.admin().post("/api/v1/definitions");
    assertThat(change.status()).as(change.body()).isEqualTo(200);
    assertThat(change.json().get("version").intValue()).isEqualTo(2);
    applied.set(true);
    await().atMost(Duration.ofSeconds(60)).until(() -> withCoupon.get() >= 100);
    flowing.set(false);
    sender.join();

    long sent = next.get() - 1000L;
    for (String batch : batches) {
      JsonNode status = pipeline.awaitBatch(batch, Duration.ofSeconds(60));
      assertThat(status.get("state").stringValue()).as(batch).isEqualTo("done");
      assertThat(status.get("rejected").longValue()).as(status.toString()).isZero();
    }
    assertThat(pipeline.count("SELECT count(*) FROM orders WHERE order_no >= 1000")).isEqualTo(sent);
    assertThat(pipeline.count("SELECT count(*) FROM orders WHERE coupon = 'SPRING'")).isEqualTo(withCoupon.get());
    assertThat(pipeline.count("SELECT count(*) FROM orders WHERE channel = 'web'")).isEqualTo(sent + 7);
  }

  @Test
  @Order(7)
  void aBreakingChangeIsRefusedAndNothingMoves() throws IOException {
    Path orders = DEFINITIONS.resolve("orders.yaml");
    String applied = Files.readString(orders);
    long rows = pipeline.count("SELECT count(*) FROM orders");
    Files.writeString(orders, applied.replace("  - name: gift\n    type: boolean\n", ""));
    try {
      Http.Answer refused = pipeline.admin().post("/api/v1/definitions");

      assertThat(refused.status()).isEqualTo(422);
      assertThat(refused.json().get("detail").stringValue()).contains("orders.yaml: orders.gift: dropped");
    } finally {
      Files.writeString(orders, applied);
    }
    assertThat(pipeline.admin().get("/api/v1/definitions").json().get("version").intValue()).isEqualTo(2);
    assertThat(pipeline.count("SELECT count(*) FROM pg_attribute WHERE attrelid = 'orders'::regclass "
        + "AND attname = 'gift'")).isEqualTo(1);
    JsonNode status = batch(pipeline.api.post("/api/v1/tables/orders/rows", "application/json", "[{\"customer_id\": 2, "
        + "\"order_no\": 99, \"placed_on\": \"2021-05-01\", \"total\": 2, \"status\": \"paid\", \"gift\": true}]"));
    assertThat(status.get("persisted").longValue()).isEqualTo(1);
    assertThat(pipeline.count("SELECT count(*) FROM orders")).isEqualTo(rows + 1);
  }

  /** The status of an accepted batch once it is done. */
  private static JsonNode batch(Http.Answer accepted) {
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    return pipeline.awaitBatch(accepted.json().get("batchId").stringValue(), Duration.ofSeconds(60));
  }

  /** Every reason of the batch's rejected rows, in the batch's order; a row after the first starts with "|". */
  private static List<String> reasons(JsonNode status) {
    List<String> reasons = new java.util.ArrayList<>();
    for (JsonNode row : status.get("rejectedRows").get("items")) {
      boolean first = true;
      for (JsonNode reason : row.get("reasons")) {
        reasons.add((first && !reasons.isEmpty() ? "|" : "") + (reason.get("field").isNull() ? "null"
            : reason.get("field").stringValue()) + ": " + reason.get("rule").stringValue() + ": "
            + reason.get("message").stringValue());
        first = false;
      }
    }
    return reasons;
  }
}
