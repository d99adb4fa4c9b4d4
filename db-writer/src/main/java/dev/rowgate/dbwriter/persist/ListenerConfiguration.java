package dev.rowgate.dbwriter.persist;

import java.util.stream.Stream;

import dev.rowgate.dbwriter.WriterProperties;
import dev.rowgate.service.RetryProperties;
import dev.rowgate.schema.RowCodec;
import dev.rowgate.schema.registry.SchemaRegistry;
import dev.rowgate.service.definitions.SchemaHistory;
import dev.rowgate.service.kafka.TableTopicsListener;
import dev.rowgate.service.kafka.TableTopicsListeners;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;

/** The writer's topics, how it reads valid rows, and its error policy. */
@Configuration(proxyBeanMethods = false)
class ListenerConfiguration {

  /** The valid and rejected topic of every applied table. */
  @Bean
  TableTopicsListener writerListener(TableTopicsListeners listeners, RowBatchListener listener,
                                     WriterProperties properties) {
    return listeners.over("db-writer", applied -> applied.tables().stream()
        .flatMap(t -> Stream.of(t.validTopic(), t.rejectedTopic())).toList(), listener, properties.concurrency());
  }

  /**
   * Valid rows of every schema rowgate has written them with, read into the table's schema now;
   * those in a schema registry's wire format with the schema of their id there.
   */
  @Bean
  RowCodec rowCodec(SchemaHistory schemas, ObjectProvider<SchemaRegistry> registry) {
    return new RowCodec(schemas, registry.getIfAvailable());
  }

  /**
   * A failed write is retried, with growing pauses, until it succeeds: rows that cannot be read
   * or that the database refuses were already turned into errors rows by the writer, so what
   * fails here is the infrastructure, and no row may become a reject or be skipped because of it.
   */
  @Bean
  DefaultErrorHandler writeRetries(RetryProperties retry) {
    return new DefaultErrorHandler(retry.pauses());
  }
}
