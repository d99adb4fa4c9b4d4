package dev.rowgate.ingest.publish;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

import dev.rowgate.avro.Channel;
import dev.rowgate.avro.Origin;
import dev.rowgate.avro.RawRow;
import dev.rowgate.ingest.IngestProperties;
import dev.rowgate.ingest.batch.BatchLedger;
import dev.rowgate.schema.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Runs one batch: records it, stamps each row with the batch id, its place and its receive time,
 * publishes it keyed by its key, and answers only once Kafka acknowledged every row.
 */
@Component
public final class BatchIngest {

  private static final Logger log = LoggerFactory.getLogger(BatchIngest.class);

  private final RowPublisher publisher;
  private final BatchLedger ledger;
  private final Duration publishTimeout;

  BatchIngest(RowPublisher publisher, BatchLedger ledger, IngestProperties properties) {
    this.publisher = publisher;
    this.ledger = ledger;
    this.publishTimeout = properties.publishTimeout();
  }

  /**
   * @param reader reads the request and hands each row to the sink; an {@link UncheckedIOException}
   *               or {@link IllegalArgumentException} from it means the input is at fault
   */
  public AcceptedBatch ingest(Table table, Channel channel, String fileName, Consumer<BatchSink> reader) {
    String batchId = UUID.randomUUID().toString();
    MDC.put("batchId", batchId);
    try {
      ledger.start(batchId, table, channel, fileName);
      Publication publication = publisher.open(table);
      try {
        reader.accept((index, line, fields) -> publication.send(Publication.key(table, batchId, index, fields),
            new RawRow(new Origin(channel, batchId, index, line, fileName, Instant.now()), fields)));
        long rows = publication.awaitAcks(publishTimeout);
        ledger.received(batchId, rows);
        publisher.received(table, channel, rows);
        log.info("batch {} of {}: {} rows published", batchId, table.name(), rows);
        return new AcceptedBatch(batchId, table.name(), rows, "/api/v1/batches/" + batchId);
      } catch (RuntimeException e) {
        throw fail(batchId, table, channel, publication, e);
      }
    } finally {
      MDC.remove("batchId");
    }
  }

  private IngestFailedException fail(String batchId, Table table, Channel channel, Publication publication,
                                     RuntimeException e) {
    IngestFailedException.Cause stoppedBy = e instanceof UncheckedIOException || e instanceof IllegalArgumentException
        ? IngestFailedException.Cause.INPUT
        : e instanceof DataAccessException ? IngestFailedException.Cause.DATABASE : IngestFailedException.Cause.KAFKA;
    long published = publication.settle(publishTimeout);
    String message;
    if (stoppedBy == IngestFailedException.Cause.DATABASE) {
      // The database is what failed: the ledger records the batch as received once it answers again.
      message = "every row was published, but the database could not record the batch as received (it will be "
          + "once the database answers again): " + e.getMessage();
    } else {
      message = e.getMessage();
      try {
        ledger.failed(batchId, published, message);
      } catch (DataAccessException recordFailure) {
        log.warn("cannot record that batch {} stopped: {}", batchId, recordFailure.getMessage());
      }
    }
    publisher.received(table, channel, published);
    log.warn("batch {} of {} stopped after {} published rows: {}", batchId, table.name(), published, message);
    return new IngestFailedException(batchId, published, stoppedBy, message, e);
  }
}
