package dev.rowgate.validator.route;

import java.util.UUID;

import dev.rowgate.service.RetryProperties;
import dev.rowgate.schema.RowCodec;
import dev.rowgate.schema.Table;
import dev.rowgate.schema.registry.SchemaRegistry;
import dev.rowgate.service.InstanceProperties;
import dev.rowgate.service.definitions.SchemaHistory;
import dev.rowgate.service.kafka.TableTopicsListener;
import dev.rowgate.service.kafka.TableTopicsListeners;
import dev.rowgate.validator.ValidatorProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultTransactionIdSuffixStrategy;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;

/** The validator's topics, its transactional identity and its policy after a failed transaction. */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

  /** The raw topic of every applied table, one consumer thread per transactional id. */
  @Bean
  TableTopicsListener validatorListener(TableTopicsListeners listeners, RawRowListener listener, TransactionalIds ids) {
    return listeners.over("validator", applied -> applied.tables().stream().map(Table::rawTopic).toList(), listener,
        ids.count());
  }

  /**
   * Transactional ids unique to this instance, one per consumer thread. With a stable instance id,
   * a restarted instance takes its predecessor's ids (and fences them as it starts).
   */
  @Bean
  TransactionalIds transactionalIds(InstanceProperties instance, ValidatorProperties validator) {
    String id = instance.hasInstanceId() ? instance.instanceId() : UUID.randomUUID().toString();
    return new TransactionalIds("rowgate-validator-" + id + "-", validator.concurrency(), instance.hasInstanceId());
  }

  /**
   * The producers take their transactional ids from the instance's ids only: a producer that
   * failed gives its id to the next, instead of a new one that a restart would not know.
   */
  @Bean
  DefaultKafkaProducerFactoryCustomizer transactionalProducers(TransactionalIds ids) {
    return factory -> {
      factory.setTransactionIdPrefix(ids.prefix());
      factory.setTransactionIdSuffixStrategy(new DefaultTransactionIdSuffixStrategy(ids.count()));
    };
  }

  /**
   * How the valid and rejected topics hold records: in a schema registry's wire format, under each
   * topic's subject, when there is a registry; and how a producer's record in that format is read.
   */
  @Bean
  RowCodec rowCodec(SchemaHistory schemas, ObjectProvider<SchemaRegistry> registry) {
    return new RowCodec(schemas, registry.getIfAvailable());
  }

  @Bean
  PredecessorFence predecessorFence(KafkaAdmin kafkaAdmin, TransactionalIds ids) {
    return new PredecessorFence(kafkaAdmin.getConfigurationProperties(), ids);
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
  DefaultAfterRollbackProcessor<Object, Object> retryAfterRollback(RetryProperties retry) {
    return new DefaultAfterRollbackProcessor<>(retry.pauses());
  }
}
