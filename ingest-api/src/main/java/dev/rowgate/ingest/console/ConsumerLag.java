package dev.rowgate.ingest.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * How far each consumer group is behind on each of rowgate's topics: the records after its committed
 * offsets, summed over the topic's partitions.
 */
@Component
final class ConsumerLag implements DisposableBean {

  private final Admin admin;
  private final ConsoleProperties properties;

  ConsumerLag(KafkaAdmin kafkaAdmin, ConsoleProperties properties) {
    this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
    this.properties = properties;
  }

  /** A group's lag on a topic; {@code error} says why there is none when Kafka did not answer. */
  record Lag(String group, String topic, long records, String error) {
  }

  List<Lag> byTopic() {
    try {
      Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new TreeMap<>();
      for (GroupListing group : get(admin.listGroups().all())) {
        if (group.groupId().startsWith("rowgate-")) {
          committed.put(group.groupId(), get(admin.listConsumerGroupOffsets(group.groupId())
              .partitionsToOffsetAndMetadata()));
        }
      }
      Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
      committed.values().forEach(offsets -> offsets.keySet().forEach(p -> ends.put(p, OffsetSpec.latest())));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest = get(admin.listOffsets(ends).all());
      List<Lag> lags = new ArrayList<>();
      committed.forEach((group, offsets) -> {
        Map<String, Long> byTopic = new TreeMap<>();
        offsets.forEach((partition, offset) -> {
          if (offset != null && partition.topic().startsWith("rowgate.")) {
            byTopic.merge(partition.topic(), Math.max(0, latest.get(partition).offset() - offset.offset()), Long::sum);
          }
        });
        byTopic.forEach((topic, records) -> lags.add(new Lag(group, topic, records, null)));
      });
      return lags;
    } catch (ExecutionException | TimeoutException e) {
      return List.of(new Lag(null, null, 0, "Kafka did not answer: " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of(new Lag(null, null, 0, "interrupted"));
    }
  }

  private <T> T get(KafkaFuture<T> future)
      throws ExecutionException, InterruptedException, TimeoutException {
    return future.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void destroy() {
    admin.close(properties.timeout());
  }
}
