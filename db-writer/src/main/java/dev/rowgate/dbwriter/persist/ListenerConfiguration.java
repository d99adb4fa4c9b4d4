package dev.rowgate.dbwriter.persist;

import java.util.stream.Stream;

import dev.rowgate.dbwriter.WriterProperties;
import dev.rowgate.schema.DataDictionary;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;

/** The writer's topics and its error policy. */
@Configuration(proxyBeanMethods = false)
class ListenerConfiguration {

  /** The valid and rejected topic of every table. */
  @Bean
  String[] writerTopics() {
    return DataDictionary.TABLES.stream()
        .flatMap(t -> Stream.of(t.validTopic(), t.rejectedTopic()))
        .toArray(String[]::new);
  }

  /**
   * A failed write is retried, with growing pauses, until it succeeds: rows that cannot be read
   * or that the database refuses were already turned into errors rows by the writer, so what
   * fails here is the infrastructure, and no row may become a reject or be skipped because of it.
   */
  @Bean
  DefaultErrorHandler writeRetries(WriterProperties properties) {
    return new DefaultErrorHandler(properties.retryPauses());
  }
}
