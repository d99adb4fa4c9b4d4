package dev.rowgate.stack;

import java.nio.file.Path;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

/**
 * Sends Kafka's own log lines in this process (the broker's, and those of clients running here) to
 * a file beside the services' logs instead of the console, which then tells only what the stack
 * does. The broker logs some retried requests as errors, e.g. the out-of-order sequence numbers
 * that a transactional producer's pipelined batches meet in a partition it has not written to yet.
 */
final class BrokerLog {

  private static final List<String> KAFKA_LOGGERS = List.of("kafka", "org.apache.kafka", "state.change.logger");

  private BrokerLog() {
  }

  static void toFile(Path file) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("kafka-file");
    appender.setFile(file.toString());
    appender.setEncoder(encoder);
    appender.start();
    for (String name : KAFKA_LOGGERS) {
      Logger logger = context.getLogger(name);
      Appender<ILoggingEvent> earlier = logger.getAppender(appender.getName());
      if (earlier != null) {
        logger.detachAppender(earlier);
        earlier.stop();
      }
      logger.addAppender(appender);
      logger.setAdditive(false);
    }
  }
}
