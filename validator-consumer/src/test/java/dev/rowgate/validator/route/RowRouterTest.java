package dev.rowgate.validator.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.rowgate.avro.Channel;
import dev.rowgate.avro.Origin;
import dev.rowgate.avro.RawField;
import dev.rowgate.avro.RawRow;
import dev.rowgate.avro.Reason;
import dev.rowgate.avro.RejectedRow;
import dev.rowgate.schema.AvroCodec;
import dev.rowgate.schema.RowCodec;
import dev.rowgate.schema.Table;
import dev.rowgate.service.test.TestDefinitions;
import org.apache.avro.util.Utf8;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RowRouterTest {

  static final Table JOBS = TestDefinitions.table("jobs");
  /** Without a schema registry: records in Avro's single-object encoding. */
  static final RowCodec CODEC = new RowCodec(null, null);

  @Test
  void aProducersBatchIdThatPostgresqlCannotStoreIsDroppedAndTheRowRejectedForIt() {
    ConsumerRecord<byte[], byte[]> raw = new ConsumerRecord<>("rowgate.jobs.raw", 0, 7, "5".getBytes(),
        "{\"id\": 5, \"job\": \"Welder\"}".getBytes(StandardCharsets.UTF_8));
    raw.headers().add(RawRecordDecoder.BATCH_HEADER, "batch\0one".getBytes(StandardCharsets.UTF_8));

    RowRouter.Routed routed = RowRouter.route(JOBS, raw, CODEC);

    assertThat(routed.valid()).isFalse();
    RejectedRow rejected = AvroCodec.decodeRejectedRow(routed.record().value());
    assertThat(rejected.getOrigin().getBatchId()).isNull();
    assertThat(rejected.getReasons()).containsExactly(
        new Reason(null, "batch_id", "the batch id contains a NUL character"));
  }

  @Test
  void aReceiveTimeThatPostgresqlCannotStoreBecomesKafkasAndTheRowIsRejectedForIt() {
    RawRow row = new RawRow(new Origin(Channel.PRODUCER, null, null, null, null, Instant.ofEpochMilli(Long.MAX_VALUE)),
        List.of(new RawField("id", 9L), new RawField("job", "Welder")));
    ConsumerRecord<byte[], byte[]> raw = new ConsumerRecord<>("rowgate.jobs.raw", 0, 9, 1_700_000_000_000L,
        TimestampType.CREATE_TIME, 1, 0, "9".getBytes(), AvroCodec.encode(row), new RecordHeaders(), Optional.empty());

    RejectedRow rejected = AvroCodec.decodeRejectedRow(RowRouter.route(JOBS, raw, CODEC).record().value());

    assertThat(rejected.getReasons()).extracting(Reason::getRule).containsExactly("received_at");
    assertThat(rejected.getOrigin().getReceivedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
  }

  @Test
  void theReasonsHeaderOfARowOfThousandsOfReasonsIsCutShort() {
    String unknown = IntStream.range(0, 3_000).mapToObj(i -> ", \"unknown_column_" + i + "\": 1")
        .collect(Collectors.joining());
    ConsumerRecord<byte[], byte[]> raw = new ConsumerRecord<>("rowgate.jobs.raw", 0, 10, "7".getBytes(),
        ("{\"id\": 7, \"job\": \"Welder\"" + unknown + "}").getBytes(StandardCharsets.UTF_8));

    ProducerRecord<byte[], byte[]> record = RowRouter.route(JOBS, raw, CODEC).record();

    assertThat(AvroCodec.decodeRejectedRow(record.value()).getReasons()).hasSize(3_000);
    String header = new String(record.headers().lastHeader(RowRouter.REASONS_HEADER).value(), StandardCharsets.UTF_8);
    assertThat(header).hasSize(10_001).startsWith("unknown_column_0: unknown, ").endsWith("…");
  }

  @Test
  void aProducersJsonWithANameGivenTwiceIsRejectedAsTheIngestApiRefusesIt() {
    ConsumerRecord<byte[], byte[]> raw = new ConsumerRecord<>("rowgate.jobs.raw", 0, 11, "8".getBytes(),
        "{\"id\": 8, \"job\": \"Welder\", \"job\": \"Cook\"}".getBytes(StandardCharsets.UTF_8));

    RejectedRow rejected = AvroCodec.decodeRejectedRow(RowRouter.route(JOBS, raw, CODEC).record().value());

    assertThat(rejected.getReasons()).singleElement().satisfies(reason -> {
      assertThat(reason.getRule()).isEqualTo("decode");
      assertThat(reason.getMessage()).contains("Duplicate", "job");
    });
    assertThat(rejected.getPayload()).isNotNull();
  }

  @Test
  void aProducersEnvelopeWithATextThatIsNotUtf8IsRejectedWholeWithItsBytesNotStoredWithU0fffd() {
    Utf8 notUtf8 = new Utf8(new byte[] {'W', (byte) 0xE9, (byte) 0xA9, 'l', 'd', 'e', 'r'});
    byte[] value = AvroCodec.encode(new RawRow(new Origin(Channel.PRODUCER, null, null, null, null, Instant.now()),
        List.of(new RawField("id", 10L), new RawField("job", notUtf8))));
    ConsumerRecord<byte[], byte[]> raw = new ConsumerRecord<>("rowgate.jobs.raw", 0, 12, "10".getBytes(), value);

    RowRouter.Routed routed = RowRouter.route(JOBS, raw, CODEC);

    assertThat(routed.valid()).isFalse();
    RejectedRow rejected = AvroCodec.decodeRejectedRow(routed.record().value());
    assertThat(rejected.getReasons()).singleElement().satisfies(reason -> {
      assertThat(reason.getRule()).isEqualTo("decode");
      assertThat(reason.getMessage()).isEqualTo("not a RawRow record: a text is not UTF-8: byte 0xe9 at 1 of its 7 bytes");
    });
    assertThat(rejected.getPayload()).isEqualTo(ByteBuffer.wrap(value));
  }

  @Test
  void aProducersJsonWithATextThatIsNotUtf8IsRejectedWholeWithItsBytes() {
    byte[] value = "{\"id\": 11, \"job\": \"W\u00e9lder\"}".getBytes(StandardCharsets.ISO_8859_1);
    ConsumerRecord<byte[], byte[]> raw = new ConsumerRecord<>("rowgate.jobs.raw", 0, 13, "11".getBytes(), value);

    RejectedRow rejected = AvroCodec.decodeRejectedRow(RowRouter.route(JOBS, raw, CODEC).record().value());

    assertThat(rejected.getReasons()).singleElement().satisfies(reason -> {
      assertThat(reason.getRule()).isEqualTo("decode");
      assertThat(reason.getMessage()).contains("UTF-8");
    });
    assertThat(rejected.getPayload()).isEqualTo(ByteBuffer.wrap(value));
  }

  @Test
  void aRejectWithinTheBudgetIsSentWhole() {
    ConsumerRecord<byte[], byte[]> raw = new ConsumerRecord<>("rowgate.jobs.raw", 0, 8, "6".getBytes(),
        ("{\"id\": 6, \"job\": \"" + "x".repeat(300_000) + "\"}").getBytes(StandardCharsets.UTF_8));

    RejectedRow rejected = AvroCodec.decodeRejectedRow(RowRouter.route(JOBS, raw, CODEC).record().value());

    assertThat(rejected.getReasons()).extracting(Reason::getRule).containsExactly("length");
    assertThat(rejected.getFields().get(1).getValue().toString()).hasSize(300_000);
  }

  @Test
  void aRecordInARegistrysWireFormatIsRejectedWithItsBytesWhereRowgateUsesNoRegistry() {
    byte[] value = {0, 0, 0, 0, 7, 2, 'a'};
    ConsumerRecord<byte[], byte[]> raw = new ConsumerRecord<>("rowgate.jobs.raw", 0, 5, null, value);

    RejectedRow rejected = AvroCodec.decodeRejectedRow(RowRouter.route(JOBS, raw, CODEC).record().value());

    assertThat(rejected.getReasons()).singleElement().satisfies(reason -> {
      assertThat(reason.getRule()).isEqualTo("decode");
      assertThat(reason.getMessage()).isEqualTo("a record in a schema registry's wire format (schema id 7), but "
          + "rowgate uses no schema registry");
    });
    assertThat(rejected.getPayload().array()).isEqualTo(value);
  }
}
