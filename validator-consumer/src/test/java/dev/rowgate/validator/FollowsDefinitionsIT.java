package dev.rowgate.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.rowgate.avro.RejectedRow;
import dev.rowgate.schema.AvroCodec;
import dev.rowgate.service.definitions.AppliedDefinitions;
import dev.rowgate.service.test.TestDefinitions;
import dev.rowgate.stack.test.DatabaseNeutral;
import dev.rowgate.stack.test.TopicDrain;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The validator follows the applied definitions: a row published once a version is applied is
 * checked against that version, never an earlier one, and the raw topic of a table defined while
 * it runs is taken without a restart, also when the topic comes after the version (here the test
 * creates the topics, and only once the validator follows the version).
 */
@DatabaseNeutral
class FollowsDefinitionsIT extends ValidatorOnOwnInfrastructure {

  static final Path DEFINITIONS = TestDefinitions.together(TestDefinitions.directory());

  @DynamicPropertySource
  static void definitions(DynamicPropertyRegistry registry) {
    registry.add("rowgate.definitions.directory", DEFINITIONS::toString);
    registry.add("rowgate.topics.create", () -> "false");
  }

  @Autowired
  DataSource database;

  @Autowired
  AppliedDefinitions definitions;

  @Test
  void aRowPublishedOnceAColumnIsAppliedIsCheckedAgainstItAndANewTableIsTaken() throws IOException {
    String batch = UUID.randomUUID().toString();
    broker().createTopics(6, TestDefinitions.shipped().tables().stream()
        .flatMap(t -> Stream.of(t.rawTopic(), t.validTopic(), t.rejectedTopic())).toList());
    try (RawRows raw = new RawRows(broker().bootstrapServers());
         TopicDrain departments = new TopicDrain(broker().bootstrapServers(),
             List.of("rowgate.departments.valid", "rowgate.departments.rejected"))) {
      raw.send("rowgate.departments.raw", "31", RawRows.row(batch, 0, "id", 31L, "department", "Before", "floor", 3L));
      assertThat(departments.readAtLeast(1, Duration.ofSeconds(60))).singleElement()
          .satisfies(r -> assertThat(r.topic()).endsWith(".rejected"));

      Path file = DEFINITIONS.resolve("departments.yaml");
      Files.writeString(file, Files.readString(file) + "  - {name: floor, type: integer, required: false}\n");
      Files.writeString(DEFINITIONS.resolve("rooms.yaml"), "table: rooms\nkey: id\ncolumns: [{name: id, type: integer}]\n");
      TestDefinitions.apply(database, DEFINITIONS);
      raw.send("rowgate.departments.raw", "32", RawRows.row(batch, 1, "id", 32L, "department", "After", "floor", 3L));

      List<ConsumerRecord<byte[], byte[]>> routed = departments.readAtLeast(2, Duration.ofSeconds(60));
      assertThat(routed).hasSize(2);
      assertThat(routed.get(1).topic()).as("the row published after the column was applied").endsWith(".valid");
      RejectedRow before = AvroCodec.decodeRejectedRow(routed.get(0).value());
      assertThat(before.getReasons().get(0).getMessage()).isEqualTo("floor is not a column of departments");

      await().atMost(Duration.ofSeconds(30)).until(() -> definitions.current().table("rooms").isPresent());
      broker().createTopics(6, List.of("rowgate.rooms.raw", "rowgate.rooms.valid", "rowgate.rooms.rejected"));
      raw.send("rowgate.rooms.raw", "1", RawRows.row(batch, 2, "id", 1L));
      try (TopicDrain rooms = new TopicDrain(broker().bootstrapServers(), List.of("rowgate.rooms.valid"))) {
        assertThat(rooms.readAtLeast(1, Duration.ofSeconds(60))).hasSize(1);
      }
    }
  }
}
