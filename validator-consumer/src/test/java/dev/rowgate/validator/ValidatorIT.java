package dev.rowgate.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.rowgate.avro.Origin;
import dev.rowgate.avro.RawField;
import dev.rowgate.avro.Reason;
import dev.rowgate.avro.RejectedRow;
import dev.rowgate.avro.SourceOffset;
import dev.rowgate.schema.AvroCodec;
import dev.rowgate.schema.Table;
import dev.rowgate.schema.ValidRowSchema;
import dev.rowgate.service.test.TestDefinitions;
import dev.rowgate.stack.test.DatabaseNeutral;
import dev.rowgate.stack.test.TopicDrain;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

@DatabaseNeutral
class ValidatorIT extends ValidatorOnOwnInfrastructure {

  static final List<String> OUT = List.of("rowgate.departments.valid", "rowgate.departments.rejected");
  static final Table DEPARTMENTS = TestDefinitions.table("departments");

  @Test
  void eachKindOfRawRecordEndsInExactlyOneOfTheTwoTopics() {
    String batch = UUID.randomUUID().toString();
    try (RawRows raw = new RawRows(broker().bootstrapServers())) {
      raw.send("rowgate.departments.raw", "11", RawRows.row(batch, 0, "id", 11L, "department", "Sales"));
      raw.send("rowgate.departments.raw", "12", RawRows.row(batch, 1, "id", "12", "department", ""));
      raw.send(new ProducerRecord<>("rowgate.departments.raw", null,
          "{\"id\": 13, \"department\": \"Legal\"}".getBytes(StandardCharsets.UTF_8)));
      raw.send(new ProducerRecord<>("rowgate.departments.raw", null, new byte[] {(byte) 0xC3, 1, 9, 9}));
      raw.send(new ProducerRecord<>("rowgate.departments.raw", null, "[1, 2]".getBytes(StandardCharsets.UTF_8)));
    }

    List<ConsumerRecord<byte[], byte[]>> out;
    try (TopicDrain drain = new TopicDrain(broker().bootstrapServers(), OUT)) {
      out = drain.readAtLeast(5, Duration.ofSeconds(60));
      out = drain.readFor(Duration.ofSeconds(1));
    }

    List<GenericRecord> valid = out.stream().filter(r -> r.topic().endsWith(".valid"))
        .map(r -> TestDefinitions.codec().decode(DEPARTMENTS.validSchema(), r.value())).toList();
    assertThat(valid).extracting(d -> d.get("id"), d -> d.get("department"))
        .containsExactlyInAnyOrder(tuple(11, "Sales"),
            tuple(13, "Legal"));
    assertThat(valid).filteredOn(d -> d.get("id").equals(11)).singleElement().satisfies(d -> {
      assertThat(((Origin) d.get(ValidRowSchema.ORIGIN)).getBatchId()).isEqualTo(batch);
      assertThat(((SourceOffset) d.get(ValidRowSchema.SOURCE)).getTopic()).isEqualTo("rowgate.departments.raw");
    });
    assertThat(out).filteredOn(r -> r.topic().endsWith(".valid"))
        .extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactlyInAnyOrder("11", "13");

    List<ConsumerRecord<byte[], byte[]>> rejectedRecords = out.stream()
        .filter(r -> r.topic().endsWith(".rejected")).toList();
    List<RejectedRow> rejected = rejectedRecords.stream().map(r -> AvroCodec.decodeRejectedRow(r.value())).toList();
    assertThat(rejected).hasSize(3);
    assertThat(rejected).extracting(r -> r.getReasons().get(0).getRule())
        .containsExactlyInAnyOrder("required", "decode", "decode");
    RejectedRow empty = rejected.stream().filter(r -> r.getReasons().get(0).getRule().equals("required")).findFirst()
        .orElseThrow();
    assertThat(empty.getReasons()).containsExactly(new Reason("department", "required", "department is empty"));
    assertThat(empty.getOrigin().getIndex()).isEqualTo(1);
    ConsumerRecord<byte[], byte[]> emptyRecord = rejectedRecords.get(rejected.indexOf(empty));
    assertThat(new String(emptyRecord.key(), StandardCharsets.UTF_8)).isEqualTo("12");
    assertThat(new String(emptyRecord.headers().lastHeader("rowgate-errors-offset").value(), StandardCharsets.UTF_8))
        .isEqualTo(String.valueOf(empty.getSource().getOffset()));
    assertThat(new String(emptyRecord.headers().lastHeader("rowgate-errors-reasons").value(), StandardCharsets.UTF_8))
        .isEqualTo("department: required");
    assertThat(rejected).filteredOn(r -> r.getPayload() != null).hasSize(2);
  }

  @Test
  void aRejectTooLargeForKafkaGoesOnAsASampleOfItselfAndTheRowsAfterItAreRouted() {
    String batch = UUID.randomUUID().toString();
    Object[] wide = new Object[2 * 20_002];
    wide[0] = "id";
    wide[1] = 21L;
    wide[2] = "department";
    wide[3] = "Wide";
    for (int i = 4; i < wide.length; i += 2) {
      wide[i] = "unknown_column_" + i;
      wide[i + 1] = 1L;
    }
    ProducerRecord<byte[], byte[]> longBatchId = new ProducerRecord<>("rowgate.departments.raw", "21".getBytes(),
        "{\"id\": 22, \"department\": \"Long batch id\"}".getBytes(StandardCharsets.UTF_8));
    longBatchId.headers().add("rowgate-batch-id", "b".repeat(5_000).getBytes(StandardCharsets.UTF_8));
    try (RawRows raw = new RawRows(broker().bootstrapServers())) {
      raw.send("rowgate.departments.raw", "21", RawRows.row(batch, 0, wide));
      raw.send(longBatchId);
      raw.send("rowgate.departments.raw", "21", RawRows.row(batch, 1, "id", 23L, "department", "After"));
    }

    List<ConsumerRecord<byte[], byte[]>> out;
    try (TopicDrain drain = new TopicDrain(broker().bootstrapServers(), OUT)) {
      out = drain.readAtLeast(3, Duration.ofSeconds(60));
      out = drain.readFor(Duration.ofSeconds(1));
    }

    assertThat(out.stream().filter(r -> r.topic().endsWith(".valid"))
        .map(r -> TestDefinitions.codec().decode(DEPARTMENTS.validSchema(), r.value()))
        .filter(d -> batch.equals(((Origin) d.get(ValidRowSchema.ORIGIN)).getBatchId())))
        .extracting(d -> d.get("department")).containsExactly("After");
    List<ConsumerRecord<byte[], byte[]>> rejectedRecords = out.stream().filter(r -> r.topic().endsWith(".rejected"))
        .toList();
    assertThat(rejectedRecords).allMatch(r -> r.value().length <= 512 * 1024);
    RejectedRow sample = rejectedRecords.stream().map(r -> AvroCodec.decodeRejectedRow(r.value()))
        .filter(r -> batch.equals(r.getOrigin().getBatchId())).findFirst().orElseThrow();
    assertThat(sample.getReasons()).hasSize(101);
    assertThat(sample.getReasons().get(0).getRule()).isEqualTo("size");
    assertThat(sample.getReasons().get(0).getMessage()).contains("100 of 20002 fields", "100 of 20000 reasons",
        "rowgate.departments.raw-");
    assertThat(sample.getReasons().get(1).getRule()).isEqualTo("unknown");
    assertThat(sample.getFields()).hasSize(100).first().isEqualTo(new RawField("id", 21L));
    RejectedRow unbatched = rejectedRecords.stream().map(r -> AvroCodec.decodeRejectedRow(r.value()))
        .filter(r -> r.getFields().contains(new RawField("department", "Long batch id")))
        .findFirst().orElseThrow();
    assertThat(unbatched.getOrigin().getBatchId()).isNull();
    assertThat(unbatched.getReasons()).extracting(Reason::getRule).containsExactly("batch_id");
  }
}
