package dev.rowgate.ingest.batch;

import dev.rowgate.avro.Channel;
import dev.rowgate.schema.Table;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ingest API's part of {@code ingest_batches}: a batch is recorded before its first row is
 * published, and its received count is set once Kafka acknowledged its last row. A batch that
 * stopped half-way keeps the rows published so far and why it stopped.
 */
@Component
public final class BatchLedger {

  private static final String START = """
      INSERT INTO ingest_batches (id, table_name, channel, file_name) VALUES (:id, :table, :channel, :fileName)""";

  private static final String RECEIVED = """
      UPDATE ingest_batches SET received = :received, updated_at = now() WHERE id = :id""";

  private static final String FAILED = """
      UPDATE ingest_batches SET received = :received, failure = :failure, updated_at = now() WHERE id = :id""";

  private final JdbcClient jdbc;

  BatchLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void start(String id, Table table, Channel channel, String fileName) {
    jdbc.sql(START).param("id", id).param("table", table.name()).param("channel", channel.name())
        .param("fileName", fileName).update();
  }

  public void received(String id, long rows) {
    jdbc.sql(RECEIVED).param("id", id).param("received", rows).update();
  }

  public void failed(String id, long publishedRows, String failure) {
    jdbc.sql(FAILED).param("id", id).param("received", publishedRows).param("failure", failure).update();
  }
}
