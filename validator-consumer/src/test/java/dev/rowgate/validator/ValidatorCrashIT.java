package dev.rowgate.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.rowgate.avro.SourceOffset;
import dev.rowgate.schema.AvroCodec;
import dev.rowgate.schema.ValidRowSchema;
import dev.rowgate.service.test.DefinedDatabase;
import dev.rowgate.service.test.TestDefinitions;
import dev.rowgate.stack.KafkaBroker;
import dev.rowgate.stack.Service;
import dev.rowgate.stack.ServiceProcess;
import dev.rowgate.stack.test.DatabaseNeutral;
import dev.rowgate.stack.test.ServiceJar;
import dev.rowgate.stack.test.TestInfrastructure;
import dev.rowgate.stack.test.TestJvm;
import dev.rowgate.stack.test.TopicDrain;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The validator as its own process, killed with SIGKILL in the middle of a load and started again. */
@DatabaseNeutral
class ValidatorCrashIT {

  static final KafkaBroker BROKER = TestInfrastructure.newBroker();
  static final String DATABASE = DefinedDatabase.create();
  static final int ROWS = 60_000;

  @AfterAll
  static void stopBroker() {
    BROKER.close();
  }

  @Test
  void everyRawRecordIsRoutedExactlyOnceAcrossAKill() {
    String batch = UUID.randomUUID().toString();
    List<String> out = List.of("rowgate.hired_employees.valid", "rowgate.hired_employees.rejected");
    BROKER.createTopics(6, Stream.concat(Stream.of("rowgate.hired_employees.raw"), out.stream()).toList());
    try (RawRows raw = new RawRows(BROKER.bootstrapServers())) {
      for (int i = 1; i <= ROWS; i++) {
        Object department = i % 7 == 0 ? "" : (Object) (long) (i % 12 + 1);
        raw.sendAsync("rowgate.hired_employees.raw", String.valueOf(i), RawRows.row(batch, i - 1, "id", (long) i,
            "name", "Hire " + i, "datetime", "2021-03-04T05:06:07Z", "department_id", department, "job_id", 1L));
      }
    }
    try (TopicDrain drain = new TopicDrain(BROKER.bootstrapServers(), out)) {
      ServiceProcess first = startValidator("first");
      int routedAtKill = drain.readAtLeast(5_000, Duration.ofSeconds(90)).size();
      first.kill();
      assertThat(routedAtKill).as("routed when killed").isBetween(5_000, ROWS - 1);

      try (ServiceProcess second = startValidator("second")) {
        // Alone it routes the rest in about 90 s; a whole build beside it on two cores has taken over 120 s.
        drain.readAtLeast(ROWS, Duration.ofSeconds(360));
        List<ConsumerRecord<byte[], byte[]>> routed = drain.readFor(Duration.ofSeconds(3));

        Set<Long> rawOffsets = routed.stream().map(ValidatorCrashIT::rawOffset).collect(Collectors.toSet());
        long rejected = routed.stream().filter(r -> r.topic().endsWith(".rejected")).count();
        // Counts, not the records: a failure says what went wrong, and what the restarted validator logged.
        String report = "routed " + routed.size() + " records of " + rawOffsets.size() + " raw ones (" + rejected
            + " rejected); the restarted validator's warnings:\n" + warnings(second.log());
        assertThat(routed.size()).as(report).isEqualTo(ROWS);
        assertThat(rawOffsets.size()).as(report).isEqualTo(ROWS);
        assertThat(rejected).as(report).isEqualTo(ROWS / 7);
      }
    }
  }

  /** The last warnings and errors of a service's log, with the line after each (an exception's message). */
  private static String warnings(Path log) {
    try (Stream<String> lines = Files.lines(log)) {
      List<String> all = lines.toList();
      List<String> picked = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).contains(" WARN ") || all.get(i).contains("ERROR ")) {
          picked.add(all.get(i));
          picked.add(i + 1 < all.size() ? "    " + all.get(i + 1) : "");
        }
      }
      return String.join("\n", picked.subList(Math.max(0, picked.size() - 60), picked.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  private static long rawOffset(ConsumerRecord<byte[], byte[]> record) {
    SourceOffset source = record.topic().endsWith(".valid")
        ? (SourceOffset) TestDefinitions.codec().decode(TestDefinitions.table("hired_employees").validSchema(),
            record.value()).get(ValidRowSchema.SOURCE)
        : AvroCodec.decodeRejectedRow(record.value()).getSource();
    return ((long) source.getPartition() << 40) + source.getOffset();
  }

  private static ServiceProcess startValidator(String name) {
    return ServiceProcess.start("validator-" + name, TestJvm.options("256m"),
        List.of("-jar", ServiceJar.of(Service.VALIDATOR), "--spring.kafka.consumer.max-poll-records=200"),
        Map.of("ROWGATE_KAFKA_BOOTSTRAP_SERVERS", BROKER.bootstrapServers(), "ROWGATE_VALIDATOR_PORT", "0",
            "ROWGATE_INSTANCE_ID", "crash-test", "ROWGATE_DB_URL", DATABASE, "ROWGATE_DB_USER", ""),
        Path.of("target", "validator-" + name + ".log"));
  }
}
