package dev.rowgate.ingest.batch;

import dev.rowgate.avro.Channel;
import dev.rowgate.ingest.RequestLeases;
import dev.rowgate.schema.Table;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ingest API's part of {@code ingest_batches}: a batch is recorded before its first row is
 * published, and its received count is set once Kafka acknowledged its last row. A batch that
 * stopped half-way keeps the rows published so far and why it stopped. While its rows arrive, the
 * batch is leased to this instance ({@link RequestLeases}); if the instance stops, the lease runs
 * out and the batch shows as abandoned instead of receiving for ever.
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

  private final JdbcClient jdbc;
  private final RequestLeases leases;

  BatchLedger(JdbcClient jdbc, RequestLeases leases) {
    this.jdbc = jdbc;
    this.leases = leases;
  }

  public void start(String id, Table table, Channel channel, String fileName) {
    jdbc.sql(START).param("id", id).param("table", table.name()).param("channel", channel.name())
        .param("fileName", fileName).param("leaseSeconds", leases.seconds()).update();
    leases.holdBatch(id);
  }

  public void received(String id, long rows) {
    try {
      jdbc.sql(RECEIVED).param("id", id).param("received", rows).update();
    } finally {
      leases.releaseBatch(id);
    }
  }

  public void failed(String id, long publishedRows, String failure) {
    try {
      jdbc.sql(FAILED).param("id", id).param("received", publishedRows).param("failure", failure).update();
    } finally {
      leases.releaseBatch(id);
    }
  }
}
