package dev.rowgate.dbwriter.persist;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Takes the valid and rejected topics of every table in polls. On assignment it moves to the
 * offsets the database holds, so the database, not Kafka's committed offsets, says where to go on.
 */
@Component
final class RowBatchListener implements BatchMessageListener<byte[], byte[]>, ConsumerSeekAware {

  private static final Logger log = LoggerFactory.getLogger(RowBatchListener.class);

  private final BatchWriter writer;
  private final KafkaAdmin admin;

  RowBatchListener(BatchWriter writer, KafkaAdmin admin) {
    this.writer = writer;
    this.admin = admin;
  }

  @Override
  public void onMessage(List<ConsumerRecord<byte[], byte[]>> records) {
    writer.write(records);
  }

  @Override
  public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
    try {
      writer.storedOffsets(new ArrayList<>(assignments.keySet()), topicIds(assignments.keySet()))
          .forEach((partition, offset) -> callback.seek(partition.topic(), partition.partition(), offset));
    } catch (DataAccessException e) {
      log.warn("cannot read the stored offsets of {} ({}); going on from Kafka's committed offsets, "
          + "records written before are recognised and skipped", assignments.keySet(), e.getMessage());
    }
  }

  /**
   * The id of each topic now. Without them (Kafka did not answer) a topic deleted and created
   * again would be taken for the old one, whose offsets it starts below: that is logged as an error.
   */
  private Map<String, String> topicIds(Collection<TopicPartition> partitions) {
    String[] topics = partitions.stream().map(TopicPartition::topic).distinct().toArray(String[]::new);
    try {
      Map<String, String> ids = new HashMap<>();
      admin.describeTopics(topics).forEach((name, description) -> ids.put(name, description.topicId().toString()));
      return ids;
    } catch (KafkaException e) {
      log.error("cannot learn the ids of topics {}: a topic deleted and created again since this writer last had "
          + "it would be taken for the old one ({})", String.join(", ", topics), e.getMessage());
      return Map.of();
    }
  }
}
