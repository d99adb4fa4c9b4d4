package dev.rowgate.examples.registry;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.config.SerdeConfig;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A producer and a consumer as a team with a schema registry writes them, with Apicurio Registry's
 * Kafka serializer and deserializer in their Confluent-compatible form (a zero byte, a 4-byte schema
 * id, the Avro binary; the subject {@code <topic>-value}), and no code of rowgate's:
 *
 * <pre>
 * java -jar registry-client-*-exec.jar produce &lt;table&gt; '&lt;Avro schema of the row&gt;' '&lt;row as JSON&gt;'
 * java -jar registry-client-*-exec.jar consume &lt;topic&gt; [records]
 * </pre>
 *
 * {@code ROWGATE_KAFKA_BOOTSTRAP_SERVERS} (localhost:9092) and {@code APICURIO_REGISTRY_URL}
 * (http://localhost:8090/apis/registry/v3, the registry's own API, which its serdes take) say where.
 */
public final class RegistryClient {

  private RegistryClient() {
  }

  public static void main(String[] args) throws Exception {
    String servers = System.getenv().getOrDefault("ROWGATE_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
    String registry = System.getenv().getOrDefault("APICURIO_REGISTRY_URL", "http://localhost:8090/apis/registry/v3");
    if (args.length >= 4 && args[0].equals("produce")) {
      RecordMetadata sent = produce(servers, registry, "rowgate." + args[1] + ".raw",
          row(new Schema.Parser().parse(args[2]), args[3]));
      System.out.printf("published to %s-%d@%d in the registry's wire format%n", sent.topic(), sent.partition(),
          sent.offset());
    } else if (args.length >= 2 && args[0].equals("consume")) {
      int records = args.length > 2 ? Integer.parseInt(args[2]) : 10;
      consume(servers, registry, args[1], records, Duration.ofSeconds(30)).forEach(System.out::println);
    } else {
      System.err.println("usage: produce <table> '<Avro schema>' '<row as JSON>'  |  consume <topic> [records]");
      System.exit(2);
    }
  }

  /** Publishes a record with Apicurio's serializer, which registers its schema under {@code <topic>-value}. */
  public static RecordMetadata produce(String servers, String registry, String topic, GenericRecord row)
      throws Exception {
    Map<String, Object> config = Map.of("bootstrap.servers", servers, "acks", "all",
        "key.serializer", StringSerializer.class.getName(),
        "value.serializer", AvroKafkaSerializer.class.getName(),
        SerdeConfig.REGISTRY_URL, registry,
        SerdeConfig.AUTO_REGISTER_ARTIFACT, true);
    try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config)) {
      return producer.send(new ProducerRecord<>(topic, row)).get();
    }
  }

  /**
   * Reads up to {@code records} records of a topic from its start, with Apicurio's deserializer,
   * each as the record the schema of its id makes of it; stops after {@code atMost}.
   */
  public static List<GenericRecord> consume(String servers, String registry, String topic, int records,
                                            Duration atMost) {
    Map<String, Object> config = Map.of("bootstrap.servers", servers, "group.id", "registry-client-" + UUID.randomUUID(),
        "auto.offset.reset", "earliest", "isolation.level", "read_committed",
        "key.deserializer", StringDeserializer.class.getName(),
        "value.deserializer", AvroKafkaDeserializer.class.getName(),
        SerdeConfig.REGISTRY_URL, registry);
    List<GenericRecord> read = new ArrayList<>();
    Instant deadline = Instant.now().plus(atMost);
    try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      while (read.size() < records && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(500))) {
          read.add((GenericRecord) record.value());
        }
      }
    }
    return read.size() > records ? read.subList(0, records) : read;
  }

  /** A row from its JSON, in Avro's JSON encoding of the schema a producer declares for it. */
  public static GenericRecord row(Schema schema, String json) throws IOException {
    return new GenericDatumReader<GenericRecord>(schema).read(null, DecoderFactory.get().jsonDecoder(schema, json));
  }
}
