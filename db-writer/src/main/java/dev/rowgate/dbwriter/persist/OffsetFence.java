package dev.rowgate.dbwriter.persist;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The next offset to persist of each partition, kept in {@code writer_offsets} and moved in the
 * same transaction as the rows. Locking a partition's offset makes writers of that partition take
 * turns, so a writer that lost the partition in a rebalance and one that got it never both write
 * the same records.
 */
@Component
final class OffsetFence {

  private static final String ADD_MISSING = """
      INSERT INTO writer_offsets (consumer_group, topic, partition, next_offset, topic_id)
      SELECT :group, * FROM unnest(:topics::text[], :partitions::integer[], :offsets::bigint[], :topicIds::text[])
      ON CONFLICT DO NOTHING""";

  private static final String LOCK = """
      SELECT topic, partition, next_offset FROM writer_offsets
      WHERE consumer_group = :group AND (topic, partition) IN (SELECT * FROM unnest(:topics::text[], :partitions::integer[]))
      ORDER BY topic, partition
      FOR UPDATE""";

  private static final String READ = """
      SELECT topic, partition, next_offset FROM writer_offsets
      WHERE consumer_group = :group AND (topic, partition) IN (SELECT * FROM unnest(:topics::text[], :partitions::integer[]))""";

  private static final String ADVANCE = """
      UPDATE writer_offsets o SET next_offset = greatest(o.next_offset, v.next_offset), updated_at = now()
      FROM unnest(:topics::text[], :partitions::integer[], :offsets::bigint[]) v(topic, partition, next_offset)
      WHERE o.consumer_group = :group AND o.topic = v.topic AND o.partition = v.partition""";

  private static final String FORGET_OTHER_TOPICS = """
      DELETE FROM writer_offsets o USING unnest(:topics::text[], :topicIds::text[]) t(topic, topic_id)
      WHERE o.consumer_group = :group AND o.topic = t.topic AND o.topic_id <> t.topic_id
      RETURNING o.topic, o.partition, o.next_offset""";

  private static final String NAME_TOPICS = """
      UPDATE writer_offsets o SET topic_id = t.topic_id
      FROM unnest(:topics::text[], :topicIds::text[]) t(topic, topic_id)
      WHERE o.consumer_group = :group AND o.topic = t.topic AND o.topic_id IS NULL""";

  private static final Logger log = LoggerFactory.getLogger(OffsetFence.class);

  private final JdbcClient jdbc;
  /** The id of each topic when this writer was last assigned its partitions. */
  private final Map<String, String> topicIds = new ConcurrentHashMap<>();

  OffsetFence(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Locks the offsets of these partitions until the transaction ends and returns them. A partition
   * seen for the first time starts at the offset given for it.
   */
  Map<TopicPartition, Long> lock(String group, Map<TopicPartition, Long> firstOffsets) {
    partitions(jdbc.sql(ADD_MISSING).param("group", group), firstOffsets.keySet())
        .param("offsets", firstOffsets.values().toArray(Long[]::new))
        .param("topicIds", firstOffsets.keySet().stream().map(p -> topicIds.get(p.topic())).toArray(String[]::new))
        .update();
    return query(LOCK, group, firstOffsets.keySet());
  }

  /**
   * Forgets the offsets kept for a topic of the same name with another id: it was deleted, and the
   * topic of that name now is a new one, whose offsets start again at 0. Offsets not yet tied to
   * an id are tied to the current one.
   *
   * @param current the id Kafka gives each topic now, by name
   */
  void forgetOtherTopicsOfTheSameName(String group, Map<String, String> current) {
    if (current.isEmpty()) {
      return;
    }
    topicIds.putAll(current);
    String[] names = current.keySet().toArray(String[]::new);
    String[] ids = current.values().toArray(String[]::new);
    jdbc.sql(FORGET_OTHER_TOPICS).param("topics", names).param("topicIds", ids).param("group", group)
        .query((RowCallbackHandler) rs -> log.warn(
            "topic {} was created again: forgot the next offset {} of partition {} of the deleted one",
            rs.getString(1), rs.getLong(3), rs.getInt(2)));
    jdbc.sql(NAME_TOPICS).param("topics", names).param("topicIds", ids).param("group", group).update();
  }

  /** The stored offsets of these partitions, for a consumer that was just assigned them. */
  Map<TopicPartition, Long> read(String group, Collection<TopicPartition> partitions) {
    return query(READ, group, partitions);
  }

  void advance(String group, Map<TopicPartition, Long> nextOffsets) {
    partitions(jdbc.sql(ADVANCE).param("group", group), nextOffsets.keySet())
        .param("offsets", nextOffsets.values().toArray(Long[]::new))
        .update();
  }

  private Map<TopicPartition, Long> query(String sql, String group, Collection<TopicPartition> partitions) {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    partitions(jdbc.sql(sql).param("group", group), partitions).query((RowCallbackHandler) rs -> {
      offsets.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
    });
    return offsets;
  }

  /** Binds the topics and partition numbers as two arrays, {@code topics} and {@code partitions}. */
  private static JdbcClient.StatementSpec partitions(JdbcClient.StatementSpec statement,
                                                     Collection<TopicPartition> partitions) {
    return statement.param("topics", partitions.stream().map(TopicPartition::topic).toArray(String[]::new))
        .param("partitions", partitions.stream().map(TopicPartition::partition).toArray(Integer[]::new));
  }
}
