package dev.rowgate.ingest.errors;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.rowgate.avro.Channel;
import dev.rowgate.avro.Origin;
import dev.rowgate.avro.RawField;
import dev.rowgate.avro.RawRow;
import dev.rowgate.ingest.IngestProperties;
import dev.rowgate.ingest.publish.Publication;
import dev.rowgate.ingest.publish.RowPublisher;
import dev.rowgate.schema.RawFields;
import dev.rowgate.schema.Table;
import dev.rowgate.service.definitions.AppliedDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the rows of redrive batches to their tables' raw topics, after they were recorded
 * ({@code redrive_rows}): a chunk at a time, each chunk's rows locked while they are published and
 * marked published in the same transaction once Kafka acknowledged every one. Rows another instance
 * is publishing are skipped; rows left unpublished (their instance stopped, or Kafka refused them)
 * are published by every instance's relay. A row published but not marked (the instance died
 * between Kafka's acknowledgement and the commit) is published again: the writer takes it once.
 */
@Component
final class RedrivePublisher {

  private static final Logger log = LoggerFactory.getLogger(RedrivePublisher.class);

  private static final String NEXT = """
      SELECT row_index, row_values::text AS row_values FROM redrive_rows
      WHERE batch_id = :batch AND published_at IS NULL
      ORDER BY row_index LIMIT :chunk FOR UPDATE SKIP LOCKED""";

  private static final String PUBLISHED =
      "UPDATE redrive_rows SET published_at = now() WHERE batch_id = :batch AND row_index = ANY(:indexes)";

  private static final String LEFT = "SELECT DISTINCT batch_id, table_name FROM redrive_rows WHERE published_at IS NULL";

  private static final JsonMapper JSON = JsonMapper.shared();

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final RowPublisher publisher;
  private final AppliedDefinitions definitions;
  private final int chunk;
  private final Duration publishTimeout;

  RedrivePublisher(JdbcClient jdbc, PlatformTransactionManager transactions, RowPublisher publisher,
                   AppliedDefinitions definitions, IngestProperties properties, TaskScheduler scheduler) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.publisher = publisher;
    this.definitions = definitions;
    this.chunk = properties.redriveChunk();
    this.publishTimeout = properties.publishTimeout();
    Duration relay = properties.redriveRelay();
    scheduler.scheduleWithFixedDelay(this::relay, Instant.now().plus(relay), relay);
  }

  /** Publishes a redrive just recorded; should Kafka refuse, its rows stay recorded, and the relay publishes them. */
  void publishNow(Table table, String batchId) {
    try {
      publish(table, batchId);
    } catch (RuntimeException e) {
      log.warn("redrive batch {} is recorded, but not every row of it is published yet; the relay publishes the "
          + "rest: {}", batchId, e.getMessage());
    }
  }

  /** Publishes the batch's rows that no one published yet; returns how many this call published. */
  long publish(Table table, String batchId) {
    long published = 0;
    int sent;
    do {
      sent = transaction.execute(status -> publishChunk(table, batchId));
      published += sent;
    } while (sent > 0);
    return published;
  }

  private int publishChunk(Table table, String batchId) {
    List<Integer> indexes = new ArrayList<>();
    Publication publication = publisher.open(table);
    jdbc.sql(NEXT).param("batch", batchId).param("chunk", chunk).query(rs -> {
      int index = rs.getInt("row_index");
      List<RawField> fields = RawFields.fromJson(JSON.readTree(rs.getString("row_values")));
      publication.send(Publication.key(table, batchId, index, fields),
          new RawRow(new Origin(Channel.API_JSON, batchId, index, null, null, Instant.now()), fields));
      indexes.add(index);
    });
    if (indexes.isEmpty()) {
      return 0;
    }
    publication.awaitAcks(publishTimeout);
    jdbc.sql(PUBLISHED).param("batch", batchId).param("indexes", indexes.toArray(Integer[]::new)).update();
    return indexes.size();
  }

  /** Publishes every redriven row left unpublished, of any instance. */
  private void relay() {
    try {
      jdbc.sql(LEFT).query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).list().forEach(left -> {
        Optional<Table> table = definitions.latest().table(left[1]);
        if (table.isEmpty()) {
          log.warn("redrive batch {} holds rows of table {}, which the applied definitions no longer have; they "
              + "stay unpublished", left[0], left[1]);
          return;
        }
        long published = publish(table.get(), left[0]);
        if (published > 0) {
          log.info("published {} rows of redrive batch {} left unpublished", published, left[0]);
        }
      });
    } catch (RuntimeException e) {
      log.warn("cannot publish the redriven rows left unpublished yet, trying again in a while: {}", e.getMessage());
    }
  }
}
