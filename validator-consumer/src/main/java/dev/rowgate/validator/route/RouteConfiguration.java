package dev.rowgate.validator.route;

import java.util.Map;
import java.util.UUID;

import dev.rowgate.schema.DataDictionary;
import dev.rowgate.schema.Table;
import dev.rowgate.validator.ValidatorProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.util.backoff.ExponentialBackOff;

/** The validator's topics, its transactional identity and its policy after a failed transaction. */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

  @Bean
  String[] rawTopics() {
    return DataDictionary.TABLES.stream().map(Table::rawTopic).toArray(String[]::new);
  }

  /**
   * Transactional ids unique to this instance. With a stable instance id, a restarted instance
   * takes its predecessor's ids, which aborts the transaction that the crash left open.
   */
  @Bean
  DefaultKafkaProducerFactoryCustomizer transactionalIds(ValidatorProperties properties) {
    String instance = properties.instanceId().isEmpty() ? UUID.randomUUID().toString() : properties.instanceId();
    return factory -> factory.setTransactionIdPrefix("rowgate-validator-" + instance + "-");
  }

  /** Static group membership for a stable instance id: a restart takes its partitions back without a rebalance wait. */
  @Bean
  DefaultKafkaConsumerFactoryCustomizer staticMembership(ValidatorProperties properties) {
    return factory -> {
      if (!properties.instanceId().isEmpty()) {
        factory.updateConfigs(Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            "rowgate-validator-" + properties.instanceId()));
      }
    };
  }

  /**
   * The transactions of the listener container. Unlike the default, it runs transaction
   * synchronizations, so a poll's rows are counted in the metrics only once its transaction commits.
   */
  @Bean
  KafkaTransactionManager<?, ?> kafkaTransactionManager(ProducerFactory<?, ?> producerFactory) {
    KafkaTransactionManager<?, ?> transactions = new KafkaTransactionManager<>(producerFactory);
    transactions.setTransactionSynchronization(AbstractPlatformTransactionManager.SYNCHRONIZATION_ON_ACTUAL_TRANSACTION);
    return transactions;
  }

  /**
   * A poll whose transaction failed (Kafka unreachable, a fenced producer) is read again and
   * routed again, with growing pauses, until it commits: no raw record is ever skipped. Records
   * that cannot be read or that break a rule never fail a transaction; they are rejected rows.
   */
  @Bean
  DefaultAfterRollbackProcessor<Object, Object> retryAfterRollback() {
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
    backOff.setMaxInterval(30_000);
    return new DefaultAfterRollbackProcessor<>(backOff);
  }
}
