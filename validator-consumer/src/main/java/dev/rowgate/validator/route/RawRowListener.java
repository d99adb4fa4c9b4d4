package dev.rowgate.validator.route;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.rowgate.schema.Definitions;
import dev.rowgate.schema.RowCodec;
import dev.rowgate.schema.Table;
import dev.rowgate.service.definitions.AppliedDefinitions;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Routes each poll of raw rows inside one Kafka transaction, which also commits the poll's
 * offsets: every raw record ends in exactly one of the valid and rejected topics, once. Each poll
 * is validated with the table definitions applied when it began, or later ones: a row published
 * after a version was applied is never checked against an earlier one. It runs one consumer
 * thread per transactional id of the instance.
 */
@Component
final class RawRowListener implements BatchMessageListener<byte[], byte[]> {

  private static final Logger log = LoggerFactory.getLogger(RawRowListener.class);

  private final KafkaTemplate<byte[], byte[]> template;
  private final AppliedDefinitions definitions;
  private final MeterRegistry meters;
  private final RowCodec codec;

  RawRowListener(KafkaTemplate<byte[], byte[]> template, AppliedDefinitions definitions, MeterRegistry meters,
                 RowCodec codec) {
    this.template = template;
    this.definitions = definitions;
    this.meters = meters;
    this.codec = codec;
  }

  @Override
  public void onMessage(List<ConsumerRecord<byte[], byte[]>> records) {
    Definitions applied = definitions.latest();
    Map<String, long[]> counts = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> raw : records) {
      Table table = applied.tableOfTopic(raw.topic())
          .orElseThrow(() -> new IllegalStateException("not the raw topic of a defined table: " + raw.topic()));
      RowRouter.Routed routed = RowRouter.route(table, raw, codec);
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
