package dev.rowgate.ingest.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.rowgate.avro.Channel;
import dev.rowgate.ingest.IngestProperties;
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
 * batch holds a lease that this instance renews; if the instance stops, the lease runs out and the
 * batch shows as abandoned instead of receiving for ever.
 */
@Component
public final class BatchLedger {

  private static final String START = """
      INSERT INTO ingest_batches (id, table_name, channel, file_name, receiving_until)
      VALUES (:id, :table, :channel, :fileName, now() + make_interval(secs => :leaseSeconds))""";

  private static final String RENEW = """
      UPDATE ingest_batches SET receiving_until = now() + make_interval(secs => :leaseSeconds)
      WHERE id IN (:ids) AND received IS NULL AND failure IS NULL""";

  private static final String RECEIVED = """
      UPDATE ingest_batches SET received = :received, receiving_until = NULL, updated_at = now() WHERE id = :id""";

  private static final String FAILED = """
      UPDATE ingest_batches SET received = :received, failure = :failure, receiving_until = NULL, updated_at = now()
      WHERE id = :id""";

  private static final Logger log = LoggerFactory.getLogger(BatchLedger.class);

  private final JdbcClient jdbc;
  private final double leaseSeconds;
  private final Set<String> receiving = ConcurrentHashMap.newKeySet();

  BatchLedger(JdbcClient jdbc, IngestProperties properties, TaskScheduler scheduler) {
    this.jdbc = jdbc;
    Duration lease = properties.uploadLease();
    this.leaseSeconds = lease.toMillis() / 1000.0;
    Duration renewal = lease.dividedBy(4);
    scheduler.scheduleWithFixedDelay(this::renewLeases, Instant.now().plus(renewal), renewal);
  }

  public void start(String id, Table table, Channel channel, String fileName) {
    jdbc.sql(START).param("id", id).param("table", table.name()).param("channel", channel.name())
        .param("fileName", fileName).param("leaseSeconds", leaseSeconds).update();
    receiving.add(id);
  }

  public void received(String id, long rows) {
    try {
      jdbc.sql(RECEIVED).param("id", id).param("received", rows).update();
    } finally {
      receiving.remove(id);
    }
  }

  public void failed(String id, long publishedRows, String failure) {
    try {
      jdbc.sql(FAILED).param("id", id).param("received", publishedRows).param("failure", failure).update();
    } finally {
      receiving.remove(id);
    }
  }

  private void renewLeases() {
    List<String> ids = List.copyOf(receiving);
    if (ids.isEmpty()) {
      return;
    }
    try {
      jdbc.sql(RENEW).param("ids", ids).param("leaseSeconds", leaseSeconds).update();
    } catch (DataAccessException e) {
      log.warn("cannot renew the leases of {} uploads; they show as abandoned if this lasts: {}", ids.size(),
          e.getMessage());
    }
  }
}
