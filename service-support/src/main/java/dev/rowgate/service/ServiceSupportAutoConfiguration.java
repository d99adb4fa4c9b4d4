package dev.rowgate.service;

import java.util.Map;

import dev.rowgate.database.DatabaseSchema;
import dev.rowgate.schema.registry.SchemaRegistry;
import dev.rowgate.service.copy.CopyIn;
import dev.rowgate.service.definitions.AppliedDefinitions;
import dev.rowgate.service.definitions.DefinitionsHealthIndicator;
import dev.rowgate.service.definitions.DefinitionsProperties;
import dev.rowgate.service.definitions.SchemaHistory;
import dev.rowgate.service.kafka.TableTopicsListeners;
import dev.rowgate.service.problem.ProblemAdvice;
import dev.rowgate.service.problem.ProblemErrorController;
import dev.rowgate.service.registry.RegistryProperties;
import dev.rowgate.service.web.QueryParameterCheck;
import dev.rowgate.service.web.QueryParameterDocs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What every rowgate service gets: RFC 9457 problem answers, its error page included, no unknown query parameters (and
 * their 400 in the OpenAPI document), the applied table definitions it follows (and their
 * readiness), for a service that names its schema version the schema's readiness, and for a Kafka
 * service the topics of the defined tables (created in the background when missing), static
 * membership for an instance with an id, Kafka readiness and, where it consumes, the health of its
 * listeners; and the schema registry, where one is configured.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration"},
    beforeName = {"org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
        "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
        "org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration"})
@EnableConfigurationProperties({InstanceProperties.class, DefinitionsProperties.class, RegistryProperties.class,
    RetryProperties.class})
@EnableScheduling
public class ServiceSupportAutoConfiguration {

  /**
   * Every service's periodic work runs on Spring Boot's task scheduler ({@code @Scheduled}, or
   * scheduled on the {@code TaskScheduler}): a few threads, so that a long round of one kind (a
   * scheduled backup, a page of waiting rows) does not hold up the others.
   */
  @Bean
  ThreadPoolTaskSchedulerCustomizer rowgateScheduler() {
    return scheduler -> {
      scheduler.setPoolSize(4);
      scheduler.setThreadNamePrefix("rowgate-scheduled-");
    };
  }

  /** The schema registry, where one is configured ({@code rowgate.registry.url}). */
  @Bean
  @ConditionalOnExpression("!'${rowgate.registry.url:}'.isBlank()")
  SchemaRegistry schemaRegistry(RegistryProperties properties) {
    return properties.registry().orElseThrow();
  }

  /** Before Spring MVC's configuration, so that its own problem handler steps aside for this one. */
  @Bean
  @ConditionalOnWebApplication
  ProblemAdvice problemAdvice() {
    return new ProblemAdvice();
  }

  /** Before Spring Boot's error page configuration, so that its error controller steps aside for this one. */
  @Bean
  @ConditionalOnWebApplication
  ProblemErrorController problemErrorController() {
    return new ProblemErrorController();
  }

  /** Every endpoint of the API refuses query parameters it does not take. */
  @Bean
  @ConditionalOnWebApplication
  WebMvcConfigurer queryParameterCheck() {
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new QueryParameterCheck()).addPathPatterns("/api/**");
      }
    };
  }

  /** Where a service serves an OpenAPI document, it lists the 400 of {@link QueryParameterCheck}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springdoc.core.customizers.GlobalOperationCustomizer")
  @ConditionalOnWebApplication
  static class OpenApiSupport {

    @Bean
    QueryParameterDocs queryParameterDocs() {
      return new QueryParameterDocs();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"org.springframework.jdbc.core.JdbcTemplate", "org.postgresql.PGConnection"})
  static class JdbcSupport {

    @Bean
    @ConditionalOnBean(JdbcTemplate.class)
    CopyIn copyIn(JdbcTemplate jdbc) {
      return new CopyIn(jdbc);
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    SchemaHistory schemaHistory(JdbcClient jdbc) {
      return new SchemaHistory(jdbc);
    }

    /** Every service follows the version of the table definitions applied to the database. */
    @Bean
    @ConditionalOnBean(JdbcClient.class)
    AppliedDefinitions appliedDefinitions(JdbcClient jdbc, SchemaHistory schemas, DefinitionsProperties properties,
                                          TaskScheduler scheduler) {
      return new AppliedDefinitions(jdbc, schemas, properties.refresh(), scheduler);
    }

    @Bean
    @ConditionalOnBean(AppliedDefinitions.class)
    DefinitionsHealthIndicator definitionsHealthIndicator(AppliedDefinitions definitions) {
      return new DefinitionsHealthIndicator(definitions);
    }

    /** A service is ready only on the schema of the migrations it was built with, or a later one. */
    @Bean
    @ConditionalOnBean(JdbcClient.class)
    SchemaHealthIndicator schemaHealthIndicator(JdbcClient jdbc) {
      return new SchemaHealthIndicator(jdbc, DatabaseSchema.version());
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(KafkaAdmin.class)
  @EnableConfigurationProperties(TopicsProperties.class)
  static class KafkaSupport {

    /** The topics of every table of the applied definitions, created when missing, those of a new table too. */
    @Bean
    @ConditionalOnBooleanProperty(name = "rowgate.topics.create", matchIfMissing = true)
    TopicCreator rowgateTopics(KafkaAdmin kafkaAdmin, TopicsProperties properties, AppliedDefinitions definitions,
                               RetryProperties retry) {
      TopicCreator creator = new TopicCreator(kafkaAdmin.getConfigurationProperties(), retry);
      definitions.onChange(applied -> creator.want(TopicDeclarations.of(properties, applied)));
      return creator;
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
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, ObjectProvider<TopicCreator> topics) {
      return new KafkaHealthIndicator(kafkaAdmin, topics.getIfAvailable());
    }

    /** The listener containers over the topics of the applied tables, for a service that consumes them. */
    @Bean
    @ConditionalOnBean(KafkaListenerEndpointRegistry.class)
    TableTopicsListeners tableTopicsListeners(KafkaListenerEndpointRegistry registry,
                                              ConcurrentKafkaListenerContainerFactory<?, ?> factory,
                                              AppliedDefinitions definitions, KafkaAdmin kafkaAdmin) {
      return new TableTopicsListeners(registry, factory, definitions, kafkaAdmin);
    }

    @Bean
    @ConditionalOnBean(KafkaListenerEndpointRegistry.class)
    KafkaListenersHealthIndicator kafkaListenersHealthIndicator(KafkaListenerEndpointRegistry listeners) {
      return new KafkaListenersHealthIndicator(listeners);
    }
  }
}
