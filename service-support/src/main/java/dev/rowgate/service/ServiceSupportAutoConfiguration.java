package dev.rowgate.service;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** Beans every rowgate service gets: the topics it may need, created when missing, and Kafka health. */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(TopicsProperties.class)
public class ServiceSupportAutoConfiguration {

  @Bean
  @ConditionalOnBooleanProperty(name = "rowgate.topics.create", matchIfMissing = true)
  KafkaAdmin.NewTopics rowgateTopics(TopicsProperties properties) {
    return TopicDeclarations.of(properties);
  }

  @Bean
  KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
    return new KafkaHealthIndicator(kafkaAdmin);
  }
}
