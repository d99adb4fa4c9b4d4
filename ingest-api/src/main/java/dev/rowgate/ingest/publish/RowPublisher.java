package dev.rowgate.ingest.publish;

import dev.rowgate.avro.Channel;
import dev.rowgate.schema.Table;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Opens publications of batches to their table's raw topic and counts the rows received. */
@Component
public final class RowPublisher {

  private final KafkaTemplate<byte[], byte[]> template;
  private final MeterRegistry meters;

  RowPublisher(KafkaTemplate<byte[], byte[]> template, MeterRegistry meters) {
    this.template = template;
    this.meters = meters;
  }

  public Publication open(Table table) {
    return new Publication(template, table);
  }

  /** Counts rows that Kafka acknowledged, per table and channel. */
  public void received(Table table, Channel channel, long rows) {
    meters.counter("rowgate.rows.received", "table", table.name(), "channel", channel.name()).increment(rows);
  }
}
