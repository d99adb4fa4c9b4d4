package dev.rowgate.dbwriter.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import dev.rowgate.avro.Channel;
import dev.rowgate.avro.Origin;
import dev.rowgate.avro.SourceOffset;
import dev.rowgate.schema.DefinitionFiles;
import dev.rowgate.schema.RowCodec;
import dev.rowgate.schema.RowKeys;
import dev.rowgate.schema.Table;
import dev.rowgate.schema.ValidRowSchema;
import dev.rowgate.service.definitions.DefinitionsApplier;
import dev.rowgate.stack.test.ServiceInfrastructure;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
 * A running writer follows the versions of the definitions that are applied: it writes records of
 * an earlier schema with the defaults of the columns added since, and takes the topics of a table
 * defined while it runs, without a restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class WriterFollowsDefinitionsIT {

  static final ServiceInfrastructure INFRASTRUCTURE = ServiceInfrastructure.start();
  static final Path DEFINITIONS = directory();

  static final String CUSTOMERS = "table: customers\nkey: id\ncolumns: [{name: id, type: bigint}]\n";
  static final String ORDERS = """
      table: orders
      key: [customer_id, order_no]
      columns:
        - {name: customer_id, type: bigint, references: customers}
        - {name: order_no, type: integer}
        - {name: total, type: decimal, precision: 12, scale: 2}
        - {name: placed_on, type: date}
      """;

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
  void recordsOfAnEarlierSchemaAreWrittenWithTheDefaultsOfItsNewColumnsAndANewTableIsTakenWithoutARestart() {
    Table before = table("orders");
    send("customers", row(table("customers"), Map.of("id", 1L), 0));
    send("orders", row(before, Map.of("customer_id", 1L, "order_no", 1, "total", new BigDecimal("9.50"),
        "placed_on", LocalDate.of(2026, 1, 2)), 1));
    await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM orders") == 1);

    write("orders.yaml", ORDERS + "  - {name: channel, type: text, default: web}\n"
        + "  - {name: coupon, type: text, required: false}\n");
    write("notes.yaml", "table: notes\nkey: id\ncolumns: [{name: id, type: uuid}, {name: body, type: text}]\n");
    DefinitionsApplier.Applied applied = new DefinitionsApplier(JdbcClient.create(jdbc), transactions, Duration.ofSeconds(30), null)
        .apply(DefinitionFiles.read(DEFINITIONS), "test", false);
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

  /** The table as the definitions of the directory have it now, in the schema they derive for it. */
  private static Table table(String name) {
    return DefinitionFiles.read(DEFINITIONS).table(name).orElseThrow();
  }

  static GenericData.Record row(Table table, Map<String, Object> values, int index) {
    GenericData.Record row = RowCodec.newRow(table.validSchema());
    values.forEach(row::put);
    row.put(ValidRowSchema.ORIGIN, new Origin(Channel.API_JSON, "b", index, null, null, Instant.EPOCH));
    row.put(ValidRowSchema.SOURCE, new SourceOffset(table.rawTopic(), 0, (long) index));
    return row;
  }

  private static void send(String table, GenericData.Record row) {
    send(INFRASTRUCTURE, table(table), row);
  }

  /** Sends a valid row of a table as the validator would, to its valid topic, keyed by its key. */
  static void send(ServiceInfrastructure infrastructure, Table table, GenericData.Record row) {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
        infrastructure.broker().bootstrapServers(), "key.serializer", ByteArraySerializer.class,
        "value.serializer", ByteArraySerializer.class, "max.block.ms", 60_000))) {
      producer.send(new ProducerRecord<>(table.validTopic(), RowKeys.of(table, row).getBytes(),
          RowCodec.encode(row))).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("cannot send a row of " + table, e);
    }
  }

  private long count(String sql) {
    return jdbc.queryForObject(sql, Long.class);
  }

  private static Path directory() {
    try {
      Path directory = Files.createTempDirectory("rowgate-definitions-");
      Files.writeString(directory.resolve("customers.yaml"), CUSTOMERS);
      Files.writeString(directory.resolve("orders.yaml"), ORDERS);
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(String file, String text) {
    try {
      Files.writeString(DEFINITIONS.resolve(file), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
