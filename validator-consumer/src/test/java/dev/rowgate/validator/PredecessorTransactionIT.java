package dev.rowgate.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.rowgate.service.test.DefinedDatabase;
import dev.rowgate.stack.KafkaBroker;
import dev.rowgate.stack.Service;
import dev.rowgate.stack.ServiceProcess;
import dev.rowgate.stack.test.DatabaseNeutral;
import dev.rowgate.stack.test.ServiceJar;
import dev.rowgate.stack.test.TestInfrastructure;
import dev.rowgate.stack.test.TestJvm;
import dev.rowgate.stack.test.TopicDrain;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * A validator started again after a run of it was killed in the middle of a transaction, with
 * the offsets of its poll pending: its consumers cannot learn where to start until that
 * transaction ends, which its timeout (here 15 minutes) would take. The killed run had four
 * consumer threads, the new one has two. It fences the transactional ids of its instance as it
 * starts, its own and those that the broker lists as open, so it routes at once.
 */
@DatabaseNeutral
class PredecessorTransactionIT {

  static final String INSTANCE = "restarted";
  static final String RAW = "rowgate.departments.raw";
  static final List<String> OUT = List.of("rowgate.departments.valid", "rowgate.departments.rejected");
  static final int PARTITIONS = 6;
  static final int ROWS = 120;

  @Test
  void aValidatorStartedAgainAbortsTheTransactionThatItsKilledRunLeftOpen() {
    try (KafkaBroker broker = TestInfrastructure.newBroker()) {
      broker.createTopics(PARTITIONS, List.of(RAW, OUT.get(0), OUT.get(1)));
      String batch = UUID.randomUUID().toString();
      try (RawRows raw = new RawRows(broker.bootstrapServers())) {
        for (int i = 1; i <= ROWS; i++) {
          raw.sendAsync(RAW, String.valueOf(i), RawRows.row(batch, i - 1, "id", (long) i, "department", "D" + i));
        }
      }
      try (KafkaProducer<byte[], byte[]> killedRunFirstThread = transactionLeftOpen(broker, 0, 0, PARTITIONS / 2);
           KafkaProducer<byte[], byte[]> killedRunLastThread = transactionLeftOpen(broker, 3, PARTITIONS / 2, PARTITIONS);
           TopicDrain drain = new TopicDrain(broker.bootstrapServers(), OUT);
           ServiceProcess validator = ServiceProcess.start("validator-restarted", TestJvm.options("256m"),
               List.of("-jar", ServiceJar.of(Service.VALIDATOR)),
               Map.of("ROWGATE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "ROWGATE_VALIDATOR_PORT", "0",
                   "ROWGATE_INSTANCE_ID", INSTANCE, "ROWGATE_VALIDATOR_CONCURRENCY", "2",
                   "ROWGATE_DB_URL", DefinedDatabase.create(), "ROWGATE_DB_USER", ""),
               Path.of("target", "validator-restarted.log"))) {
        List<ConsumerRecord<byte[], byte[]>> routed = drain.readAtLeast(ROWS, Duration.ofSeconds(90));

        assertThat(routed).as("rows routed while the killed run's transaction is open").hasSize(ROWS);
        assertThat(validator.isAlive()).isTrue();
      }
    }
  }

  /**
   * What a thread of a run of the instance killed in the middle of a transaction leaves: the
   * transaction of its producer, open, holding the group's offsets of the thread's raw partitions.
   */
  private static KafkaProducer<byte[], byte[]> transactionLeftOpen(KafkaBroker broker, int thread,
      int firstPartition, int endPartition) {
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "rowgate-validator-" + INSTANCE + "-" + thread,
        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Duration.ofMinutes(15).toMillis()),
        new ByteArraySerializer(), new ByteArraySerializer());
    producer.initTransactions();
    producer.beginTransaction();
    producer.sendOffsetsToTransaction(IntStream.range(firstPartition, endPartition)
            .mapToObj(p -> new TopicPartition(RAW, p)).collect(Collectors.toMap(Function.identity(), p -> new OffsetAndMetadata(0))),
        new ConsumerGroupMetadata("rowgate-validator"));
    return producer;
  }
}
