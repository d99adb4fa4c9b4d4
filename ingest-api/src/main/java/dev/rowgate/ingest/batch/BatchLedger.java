package dev.rowgate.ingest.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.rowgate.avro.Channel;
import dev.rowgate.ingest.IngestProperties;
import dev.rowgate.ingest.RequestLeases;
import dev.rowgate.schema.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The ingest API's part of {@code ingest_batches}: a batch is recorded before its first row is
 * published, and its received count is set once Kafka acknowledged its last row. A batch that
 * stopped half-way keeps the rows published so far and why it stopped. While its rows arrive, the
 * batch is leased to this instance ({@link RequestLeases}); if the instance stops, the lease runs
 * out and the batch shows as abandoned instead of receiving for ever. A received count the database
 * could not take is kept, with the lease, and offered again every quarter of a lease until it is
 * recorded: the batch of an upload met by a database outage shows receiving meanwhile and then goes
 * on like any other, unless this instance stops first.
 */
@Component
public final class BatchLedger {

  private static final String START = """
      INSERT INTO ingest_batches (id, table_name, channel, file_name, receiving_until)
      VALUES (:id, :table, :channel, :fileName, now() + make_interval(secs => :leaseSeconds))""";

  private static final String RECEIVED = """
      UPDATE ingest_batches SET received = :received, receiving_until = NULL, updated_at = now() WHERE id = :id""";

  private static final String FAILED = """
      UPDATE ingest_batches SET received = :received, failure = :failure, receiving_until = NULL, updated_at = now()
      WHERE id = :id""";

  private static final Logger log = LoggerFactory.getLogger(BatchLedger.class);

  private final JdbcClient jdbc;
  private final RequestLeases leases;
  /** Received counts the database could not take yet, by batch id. */
  private final Map<String, Long> unrecorded = new ConcurrentHashMap<>();

  BatchLedger(JdbcClient jdbc, RequestLeases leases, IngestProperties properties, TaskScheduler scheduler) {
    this.jdbc = jdbc;
    this.leases = leases;
    Duration retry = properties.lease().dividedBy(4);
    scheduler.scheduleWithFixedDelay(this::recordLate, Instant.now().plus(retry), retry);
  }

  public void start(String id, Table table, Channel channel, String fileName) {
    jdbc.sql(START).param("id", id).param("table", table.name()).param("channel", channel.name())
        .param("fileName", fileName).param("leaseSeconds", leases.seconds()).update();
    leases.holdBatch(id);
  }

  /**
   * Records that every row of the batch was published. Should the database fail, the count is
   * recorded later, and the failure is thrown for the request to answer.
   */
  public void received(String id, long rows) {
    try {
      record(id, rows);
    } catch (DataAccessException e) {
      unrecorded.put(id, rows);
      throw e;
    } finally {
      if (!unrecorded.containsKey(id)) {
        leases.releaseBatch(id);
      }
    }
  }

  public void failed(String id, long publishedRows, String failure) {
    try {
      jdbc.sql(FAILED).param("id", id).param("received", publishedRows).param("failure", failure).update();
    } finally {
      leases.releaseBatch(id);
    }
  }

  /** Records the counts kept back, until the database fails again. */
  private void recordLate() {
    for (Map.Entry<String, Long> batch : unrecorded.entrySet()) {
      try {
        record(batch.getKey(), batch.getValue());
      } catch (DataAccessException e) {
        log.warn("cannot record the received rows of {} batches yet, trying again in a while: {}", unrecorded.size(),
            e.getMessage());
        return;
      }
      unrecorded.remove(batch.getKey());
      leases.releaseBatch(batch.getKey());
      log.info("batch {}: its {} received rows are recorded now that the database answers", batch.getKey(),
          batch.getValue());
    }
  }

  private void record(String id, long rows) {
    jdbc.sql(RECEIVED).param("id", id).param("received", rows).update();
  }
}
