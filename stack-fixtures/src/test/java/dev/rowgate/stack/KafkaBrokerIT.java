package dev.rowgate.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rowgate.stack.test.DatabaseNeutral;
import dev.rowgate.stack.test.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@DatabaseNeutral
class KafkaBrokerIT {

  static KafkaBroker broker;

  @BeforeAll
  static void start() {
    broker = TestInfrastructure.newBroker();
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  @Test
  void committedTransactionIsSeenByReadCommittedConsumerAndAbortedOneIsNot() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();
    }
    Map<String, Object> producerConfig = Map.of("bootstrap.servers", broker.bootstrapServers(),
        "transactional.id", "it", "key.serializer", StringSerializer.class,
        "value.serializer", StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("t", "k", "aborted"));
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("t", "k", "committed"));
      producer.commitTransaction();
    }
    Map<String, Object> consumerConfig = Map.of("bootstrap.servers", broker.bootstrapServers(),
        "group.id", "it", "auto.offset.reset", "earliest", "isolation.level", "read_committed",
        "key.deserializer", StringDeserializer.class, "value.deserializer", StringDeserializer.class);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
      consumer.subscribe(List.of("t"));
      ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(10));
      assertThat(records).extracting(r -> r.value()).containsExactly("committed");
    }
  }

  @Test
  void aBrokerStartedAgainOnItsDataDirectoryKeepsItsTopicsAndRecords() throws Exception {
    Path data = Files.createTempDirectory("rowgate-kafka-restart-");
    try (KafkaBroker first = KafkaBroker.start(data, 0, 1)) {
      first.createTopics(1, List.of("kept"));
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
          "bootstrap.servers", first.bootstrapServers(), "key.serializer", StringSerializer.class,
          "value.serializer", StringSerializer.class))) {
        producer.send(new ProducerRecord<>("kept", "k", "before the restart")).get();
      }
    }
    try (KafkaBroker second = KafkaBroker.start(data, 0, 1);
         KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
             "bootstrap.servers", second.bootstrapServers(), "group.id", "restart", "auto.offset.reset", "earliest",
             "key.deserializer", StringDeserializer.class, "value.deserializer", StringDeserializer.class))) {
      consumer.subscribe(List.of("kept"));
      List<String> values = new ArrayList<>();
      await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
        return !values.isEmpty();
      });
      assertThat(values).containsExactly("before the restart");
    }
  }
}
