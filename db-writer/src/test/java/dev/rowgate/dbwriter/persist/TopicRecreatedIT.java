package dev.rowgate.dbwriter.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rowgate.dbwriter.WriterOnOwnInfrastructure;
import dev.rowgate.dbwriter.WriterTestSupport;
import dev.rowgate.schema.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * A valid topic deleted and created again while the writers are stopped (or a new Kafka cluster
 * under the same database) starts at offset 0, below the offsets the writer kept for the old one:
 * the writer must take its records as new, not as ones it has persisted.
 */
class TopicRecreatedIT extends WriterOnOwnInfrastructure {

  @Test
  void recordsOfATopicCreatedAgainArePersistedThoughTheirOffsetsAreBelowTheOldTopics() throws Exception {
    String bootstrap = infrastructure.broker().bootstrapServers();
    String topic = Topics.valid("jobs");
    String batch = UUID.randomUUID().toString();
    try (WriterTestSupport kafka = new WriterTestSupport(bootstrap)) {
      kafka.sendValid("jobs", kafka.job(1, "Old", batch, 0), kafka.job(2, "Old", batch, 1),
          kafka.job(1, "Old again", batch, 2));
      await().atMost(Duration.ofSeconds(30)).until(() -> "Old again".equals(job(1)) && "Old".equals(job(2)));
    }
    listeners.stop();

    String oldId;
    try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
      oldId = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).topicId().toString();
      admin.deleteTopics(List.of(topic)).all().get();
      await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get().contains(topic));
      admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
    }
    try (WriterTestSupport kafka = new WriterTestSupport(bootstrap)) {
      kafka.sendValid("jobs", kafka.job(1, "New", batch, 3));
      listeners.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> "New".equals(job(1)));
    }
    assertThat(jdbc.queryForList("SELECT DISTINCT topic_id FROM writer_offsets WHERE topic = ?", String.class, topic))
        .hasSize(1).doesNotContain(oldId);
  }
}
