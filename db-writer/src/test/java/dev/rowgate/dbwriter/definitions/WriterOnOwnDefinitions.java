package dev.rowgate.dbwriter.definitions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import dev.rowgate.avro.Channel;
import dev.rowgate.avro.Origin;
import dev.rowgate.avro.SourceOffset;
import dev.rowgate.dbwriter.WriterOnOwnInfrastructure;
import dev.rowgate.schema.DefinitionFiles;
import dev.rowgate.schema.RowCodec;
import dev.rowgate.schema.RowKeys;
import dev.rowgate.schema.Table;
import dev.rowgate.schema.ValidRowSchema;
import dev.rowgate.service.definitions.DefinitionsApplier;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A test of the writer on a broker, a database and a definitions directory of its own, which
 * starts with two tables, customers and orders (an order names its customer): the test changes
 * the files and applies them as the admin call does, and sends valid rows as the validator would.
 */
abstract class WriterOnOwnDefinitions extends WriterOnOwnInfrastructure {

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
  static void definitions(DynamicPropertyRegistry registry) {
    try {
      Path directory = Files.createTempDirectory("rowgate-definitions-");
      Files.writeString(directory.resolve("customers.yaml"), CUSTOMERS);
      Files.writeString(directory.resolve("orders.yaml"), ORDERS);
      registry.add("rowgate.definitions.directory", directory::toString);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Autowired
  PlatformTransactionManager transactions;

  @Value("${rowgate.definitions.directory}")
  Path definitions;

  /** Writes a file of the definitions directory. */
  void write(String file, String text) {
    try {
      Files.writeString(definitions.resolve(file), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Applies the directory as the admin call does. */
  DefinitionsApplier.Applied apply() {
    return new DefinitionsApplier(JdbcClient.create(jdbc), transactions, Duration.ofSeconds(30), null)
        .apply(DefinitionFiles.read(definitions), "test", false);
  }

  /** The table as the definitions of the directory have it now, in the schema they derive for it. */
  Table table(String name) {
    return DefinitionFiles.read(definitions).table(name).orElseThrow();
  }

  /** A valid row of the table, as the validator writes it: its values, its origin and its raw record. */
  static GenericData.Record row(Table table, Map<String, Object> values, int index) {
    GenericData.Record row = RowCodec.newRow(table.validSchema());
    values.forEach(row::put);
    row.put(ValidRowSchema.ORIGIN, new Origin(Channel.API_JSON, "b", index, null, null, Instant.EPOCH));
    row.put(ValidRowSchema.SOURCE, new SourceOffset(table.rawTopic(), 0, (long) index));
    return row;
  }

  /** Sends a valid row of a table as the validator would, to its valid topic, keyed by its key. */
  void send(Table table, GenericData.Record row) {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
        infrastructure.broker().bootstrapServers(), "key.serializer", ByteArraySerializer.class,
        "value.serializer", ByteArraySerializer.class, "max.block.ms", 60_000))) {
      producer.send(new ProducerRecord<>(table.validTopic(), RowKeys.of(table, row).getBytes(),
          RowCodec.encode(row))).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("cannot send a row of " + table, e);
    }
  }
}
