package dev.rowgate.stack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import dev.rowgate.avro.Channel;
import dev.rowgate.avro.Origin;
import dev.rowgate.avro.RawField;
import dev.rowgate.avro.RawRow;
import dev.rowgate.schema.AvroCodec;
import dev.rowgate.schema.DefinitionFiles;
import dev.rowgate.schema.RawFields;
import dev.rowgate.schema.RowKeys;
import dev.rowgate.schema.Table;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes one row straight to {@code rowgate.<table>.raw}, as a producer would: the JSON object
 * as it is, or ({@code --avro}) wrapped in the Avro raw-row envelope in single-object encoding,
 * keyed as the ingest API keys it. The table is looked up in the definitions directory
 * ({@code ROWGATE_DEFINITIONS_DIR}, default {@code definitions}).
 *
 * <pre>{@code java -jar local-stack/target/local-stack-*-exec.jar produce jobs '{"id": 9002, "job": "Welder"}' [--avro]}</pre>
 */
public final class ProduceRow {

  private ProduceRow() {
  }

  static void main(String[] args) throws InterruptedException, ExecutionException {
    if (args.length < 2) {
      System.err.println("usage: produce <table> '<json object>' [--avro]   (ROWGATE_KAFKA_BOOTSTRAP_SERVERS, default localhost:9092)");
      System.exit(2);
    }
    Path directory = Path.of(System.getenv().getOrDefault("ROWGATE_DEFINITIONS_DIR", "definitions"));
    Table table = DefinitionFiles.read(directory).table(args[0])
        .orElseThrow(() -> new IllegalArgumentException("no table " + args[0] + " is defined in " + directory));
    JsonNode row = JsonMapper.shared().readTree(args[1]);
    List<RawField> fields = RawFields.fromJson(row);
    boolean avro = args.length > 2 && args[2].equals("--avro");
    byte[] value = avro
        ? AvroCodec.encode(new RawRow(new Origin(Channel.PRODUCER, "producer-" + UUID.randomUUID(), 0, null, null,
            Instant.now()), fields))
        : args[1].getBytes(StandardCharsets.UTF_8);
    String servers = System.getenv().getOrDefault("ROWGATE_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", servers,
        "acks", "all", "key.serializer", ByteArraySerializer.class, "value.serializer", ByteArraySerializer.class))) {
      byte[] key = RowKeys.ofRaw(table, fields).map(k -> k.getBytes(StandardCharsets.UTF_8)).orElse(null);
      RecordMetadata sent = producer.send(new ProducerRecord<>(table.rawTopic(), key, value)).get();
      System.out.printf("published to %s-%d@%d as %s%n", sent.topic(), sent.partition(), sent.offset(),
          avro ? "Avro single-object encoding" : "plain JSON");
    }
  }
}
