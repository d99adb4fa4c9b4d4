package dev.rowgate.validator.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import dev.rowgate.avro.Reason;
import dev.rowgate.avro.RejectedRow;
import dev.rowgate.schema.AvroCodec;
import dev.rowgate.schema.DataDictionary;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RowRouterTest {

  @Test
  void aProducersBatchIdThatPostgresqlCannotStoreIsDroppedAndTheRowRejectedForIt() {
    ConsumerRecord<byte[], byte[]> raw = new ConsumerRecord<>("rowgate.jobs.raw", 0, 7, "5".getBytes(),
        "{\"id\": 5, \"job\": \"Welder\"}".getBytes(StandardCharsets.UTF_8));
    raw.headers().add(RawRecordDecoder.BATCH_HEADER, "batch\0one".getBytes(StandardCharsets.UTF_8));

    RowRouter.Routed routed = RowRouter.route(DataDictionary.JOBS, raw);

    assertThat(routed.valid()).isFalse();
    RejectedRow rejected = AvroCodec.decodeRejectedRow(routed.record().value());
    assertThat(rejected.getOrigin().getBatchId()).isNull();
    assertThat(rejected.getReasons()).containsExactly(
        new Reason(null, "batch_id", "the batch id contains a NUL character"));
  }

  @Test
  void aRejectWithinTheBudgetIsSentWhole() {
    ConsumerRecord<byte[], byte[]> raw = new ConsumerRecord<>("rowgate.jobs.raw", 0, 8, "6".getBytes(),
        ("{\"id\": 6, \"job\": \"" + "x".repeat(300_000) + "\"}").getBytes(StandardCharsets.UTF_8));

    RejectedRow rejected = AvroCodec.decodeRejectedRow(RowRouter.route(DataDictionary.JOBS, raw).record().value());

    assertThat(rejected.getReasons()).extracting(Reason::getRule).containsExactly("length");
    assertThat(rejected.getFields().get(1).getValue().toString()).hasSize(300_000);
  }
}
