package dev.rowgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import dev.rowgate.avro.RawRow;
import dev.rowgate.schema.AvroCodec;
import dev.rowgate.schema.Table;
import dev.rowgate.stack.test.Http;
import dev.rowgate.stack.test.OwnInfrastructure;
import dev.rowgate.stack.test.ServiceInfrastructure;
import dev.rowgate.stack.test.TopicDrain;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A test of the ingest API on a random port, on a broker and a database of its own: a client of
 * the API, the API's database and what it published. The test class names its
 * {@code @SpringBootTest} properties. A request gives up on Kafka well before the client gives up
 * on the request, so that a test that meets a stalled broker fails with the API's answer.
 */
@OwnInfrastructure
@TestPropertySource(properties = {"rowgate.ingest.publish-timeout=45s", TestClient.USER_PASSWORD,
    TestClient.USER_ROLES})
public abstract class ApiOnOwnInfrastructure {

  @Value("${local.server.port}")
  protected int port;

  @Autowired
  protected JdbcTemplate jdbc;

  @Autowired
  protected ServiceInfrastructure infrastructure;

  /** The API with the credentials of a writer and viewer ({@link TestClient}). */
  protected Http http;
  /** The API without credentials. */
  protected Http anonymous;

  @BeforeEach
  void client() {
    http = TestClient.of(port);
    anonymous = new Http(port);
  }

  /** How many batches the API has accepted. */
  protected long batches() {
    return jdbc.queryForObject("SELECT count(*) FROM ingest_batches", Long.class);
  }

  /** The rows of a batch in a table's raw topic, by index; there must be {@code expected} of them. */
  protected List<RawRow> rawRows(Table table, String batchId, int expected) {
    try (TopicDrain drain = new TopicDrain(infrastructure.broker().bootstrapServers(), List.of(table.rawTopic()))) {
      List<RawRow> rows = drain.readFor(Duration.ofSeconds(2)).stream().map(ConsumerRecord::value)
          .map(AvroCodec::decodeRawRow).filter(r -> batchId.equals(r.getOrigin().getBatchId()))
          .sorted(Comparator.comparing(r -> r.getOrigin().getIndex())).toList();
      assertThat(rows).hasSize(expected);
      return rows;
    }
  }
}
