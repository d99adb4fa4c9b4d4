package dev.rowgate.service;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** Beans every rowgate service gets: the topics it may need, created when missing, and Kafka health. */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties({TopicsProperties.class, InstanceProperties.class})
public class ServiceSupportAutoConfiguration {

  @Bean
  @ConditionalOnBooleanProperty(name = "rowgate.topics.create", matchIfMissing = true)
  KafkaAdmin.NewTopics rowgateTopics(TopicsProperties properties) {
    return TopicDeclarations.of(properties);
  }

  /** Static group membership for an instance with an id: a restart takes its partitions back without waiting. */
  @Bean
  DefaultKafkaConsumerFactoryCustomizer staticMembership(InstanceProperties instance,
                                                         @Value("${spring.application.name}") String service) {
    return factory -> {
      if (instance.hasInstanceId()) {
        factory.updateConfigs(Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, service + "-" + instance.instanceId()));
      }
    };
  }

  @Bean
  KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
    return new KafkaHealthIndicator(kafkaAdmin);
  }
}
