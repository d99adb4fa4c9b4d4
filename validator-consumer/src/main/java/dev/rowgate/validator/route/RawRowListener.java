package dev.rowgate.validator.route;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.rowgate.schema.DataDictionary;
import dev.rowgate.schema.Table;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Routes each poll of raw rows inside one Kafka transaction, which also commits the poll's
 * offsets: every raw record ends in exactly one of the valid and rejected topics, once. It runs
 * one consumer thread per transactional id of the instance.
 */
@Component
final class RawRowListener {

  private static final Logger log = LoggerFactory.getLogger(RawRowListener.class);

  private final KafkaTemplate<byte[], byte[]> template;
  private final MeterRegistry meters;

  RawRowListener(KafkaTemplate<byte[], byte[]> template, MeterRegistry meters) {
    this.template = template;
    this.meters = meters;
  }

  @KafkaListener(id = "validator", idIsGroup = false, topics = "#{@rawTopics}", batch = "true",
      concurrency = "#{@transactionalIds.count()}")
  void onPoll(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<String, long[]> counts = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> raw : records) {
      Table table = DataDictionary.tableOfTopic(raw.topic())
          .orElseThrow(() -> new IllegalStateException("not a raw topic of the data dictionary: " + raw.topic()));
      RowRouter.Routed routed = RowRouter.route(table, raw);
      template.send(routed.record());
      counts.computeIfAbsent(table.name(), t -> new long[2])[routed.valid() ? 0 : 1]++;
      if (!routed.valid() && log.isDebugEnabled()) {
        MDC.put("batchId", routed.batchId());
        log.debug("rejected {}-{}@{}", raw.topic(), raw.partition(), raw.offset());
        MDC.remove("batchId");
      }
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        counts.forEach((table, n) -> {
          meters.counter("rowgate.rows.validated", "table", table, "outcome", "valid").increment(n[0]);
          meters.counter("rowgate.rows.validated", "table", table, "outcome", "rejected").increment(n[1]);
        });
      }
    });
  }
}
