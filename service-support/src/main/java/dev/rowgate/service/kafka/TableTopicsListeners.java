package dev.rowgate.service.kafka;

import java.util.List;
import java.util.function.Function;

import dev.rowgate.schema.Definitions;
import dev.rowgate.service.definitions.AppliedDefinitions;
import org.springframework.kafka.config.KafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;

/** Makes the {@link TableTopicsListener}s of a service, on its Kafka setup and the definitions it follows. */
public final class TableTopicsListeners {

  private final KafkaListenerEndpointRegistry registry;
  private final KafkaListenerContainerFactory<?> factory;
  private final AppliedDefinitions definitions;
  private final KafkaAdmin kafkaAdmin;

  public TableTopicsListeners(KafkaListenerEndpointRegistry registry, KafkaListenerContainerFactory<?> factory,
                              AppliedDefinitions definitions, KafkaAdmin kafkaAdmin) {
    this.registry = registry;
    this.factory = factory;
    this.definitions = definitions;
    this.kafkaAdmin = kafkaAdmin;
  }

  /**
   * A container, registered as {@code id}, over the topics of the applied tables.
   *
   * @param topicsOf the topics to listen to under a version of the definitions
   * @param listener a batch message listener, and {@code ConsumerSeekAware} where it seeks on assignment
   */
  public TableTopicsListener over(String id, Function<Definitions, List<String>> topicsOf, Object listener,
                                  int concurrency) {
    return new TableTopicsListener(id, topicsOf, listener, concurrency, registry, factory, definitions, kafkaAdmin);
  }
}
