package dev.rowgate.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.rowgate.schema.Definitions;
import dev.rowgate.schema.Table;
import org.apache.kafka.clients.admin.NewTopic;

/** The raw, valid and rejected topic of every defined table, as the services create them when missing. */
final class TopicDeclarations {

  private TopicDeclarations() {
  }

  static List<NewTopic> of(TopicsProperties properties, Definitions definitions) {
    Optional<Short> replicas = properties.replicationFactor() < 0 ? Optional.empty()
        : Optional.of((short) properties.replicationFactor());
    List<NewTopic> topics = new ArrayList<>();
    for (Table table : definitions.tables()) {
      for (String name : List.of(table.rawTopic(), table.validTopic(), table.rejectedTopic())) {
        topics.add(new NewTopic(name, Optional.of(properties.partitions()), replicas));
      }
    }
    return List.copyOf(topics);
  }
}
