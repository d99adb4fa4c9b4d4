package dev.rowgate.ingest.publish;

import static dev.rowgate.stack.test.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.rowgate.ingest.ApiOnOwnInfrastructure;
import dev.rowgate.ingest.UploadUnderway;
import dev.rowgate.schema.AvroCodec;
import dev.rowgate.service.test.TestDefinitions;
import dev.rowgate.stack.test.Http;
import dev.rowgate.stack.test.OwnInfrastructure;
import dev.rowgate.stack.test.TcpProxy;
import dev.rowgate.stack.test.TopicDrain;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * The ingest API reaches PostgreSQL through a proxy that the test cuts while a file arrives. The
 * lease is short so that a received count kept back is offered again every second.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.datasource.hikari.connection-timeout=1000", "rowgate.ingest.lease=4s"})
@OwnInfrastructure(databaseThroughProxy = true)
class IngestOutageIT extends ApiOnOwnInfrastructure {

  @Autowired
  TcpProxy proxy;

  @Test
  void anUploadWhoseBatchTheDatabaseCannotRecordSaysSoItsRowsGoOnAndTheBatchIsRecordedWhenTheDatabaseIsBack() {
    assertCutOffUploadIsAnsweredAndRecordedLater();
  }

  @Test
  void withAnIdempotencyKeyTheAnswerStillNamesTheBatchThoughTheKeyCannotBeFreed() {
    assertCutOffUploadIsAnsweredAndRecordedLater("Idempotency-Key", UUID.randomUUID().toString());
  }

  /** Cuts the database off while an upload arrives; restores it once the upload is answered. */
  private void assertCutOffUploadIsAnsweredAndRecordedLater(String... headers) {
    String fileName = UUID.randomUUID() + ".csv";
    JdbcTemplate direct = new JdbcTemplate(new DriverManagerDataSource(infrastructure.database()));
    Http.Upload upload = http.upload("/api/v1/tables/departments/csv?fileName=" + fileName, "text/csv", headers);
    upload.send("1,Early\n");
    String batchId = UploadUnderway.batchOf(direct, fileName);

    proxy.cut();
    upload.send("2,Late\n");
    Http.Answer answer = upload.finish();
    proxy.restore();

    assertProblem(answer, 503, "database-unavailable");
    assertThat(answer.json().get("batchId")).as(answer.body()).isNotNull();
    assertThat(answer.json().get("batchId").stringValue()).isEqualTo(batchId);
    assertThat(answer.json().get("published").longValue()).isEqualTo(2);
    assertThat(answer.json().get("detail").stringValue()).startsWith("every row was published");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Http.Answer batch = http.get("/api/v1/batches/" + batchId);
      assertThat(batch.status()).as(batch.body()).isEqualTo(200);
      JsonNode status = batch.json();
      assertThat(status.get("state").stringValue()).isEqualTo("accepted");
      assertThat(status.get("received").longValue()).isEqualTo(2);
      assertThat(status.has("failure")).isFalse();
    });
    try (TopicDrain drain = new TopicDrain(infrastructure.broker().bootstrapServers(),
        List.of(TestDefinitions.table("departments").rawTopic()))) {
      assertThat(drain.readFor(Duration.ofSeconds(2)).stream().map(ConsumerRecord::value).map(AvroCodec::decodeRawRow)
          .filter(row -> batchId.equals(row.getOrigin().getBatchId()))).hasSize(2);
    }
  }
}
