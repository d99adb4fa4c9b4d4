package dev.rowgate.dbwriter.persist;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
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
      SELECT ?, * FROM unnest(?::text[], ?::integer[], ?::bigint[], ?::text[])
      ON CONFLICT DO NOTHING""";

  private static final String LOCK = """
      SELECT topic, partition, next_offset FROM writer_offsets
      WHERE consumer_group = ? AND (topic, partition) IN (SELECT * FROM unnest(?::text[], ?::integer[]))
      ORDER BY topic, partition
      FOR UPDATE""";

  private static final String READ = """
      SELECT topic, partition, next_offset FROM writer_offsets
      WHERE consumer_group = ? AND (topic, partition) IN (SELECT * FROM unnest(?::text[], ?::integer[]))""";

  private static final String ADVANCE = """
      UPDATE writer_offsets o SET next_offset = greatest(o.next_offset, v.next_offset), updated_at = now()
      FROM unnest(?::text[], ?::integer[], ?::bigint[]) v(topic, partition, next_offset)
      WHERE o.consumer_group = ? AND o.topic = v.topic AND o.partition = v.partition""";

  private static final String FORGET_OTHER_TOPICS = """
      DELETE FROM writer_offsets o USING unnest(?::text[], ?::text[]) t(topic, topic_id)
      WHERE o.consumer_group = ? AND o.topic = t.topic AND o.topic_id <> t.topic_id
      RETURNING o.topic, o.partition, o.next_offset""";

  private static final String NAME_TOPICS = """
      UPDATE writer_offsets o SET topic_id = t.topic_id
      FROM unnest(?::text[], ?::text[]) t(topic, topic_id)
      WHERE o.consumer_group = ? AND o.topic = t.topic AND o.topic_id IS NULL""";

  private static final Logger log = LoggerFactory.getLogger(OffsetFence.class);

  private final JdbcTemplate jdbc;
  /** The id of each topic when this writer was last assigned its partitions. */
  private final Map<String, String> topicIds = new ConcurrentHashMap<>();

  OffsetFence(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Locks the offsets of these partitions until the transaction ends and returns them. A partition
   * seen for the first time starts at the offset given for it.
   */
  Map<TopicPartition, Long> lock(String group, Map<TopicPartition, Long> firstOffsets) {
    return jdbc.execute((Connection c) -> {
      try (PreparedStatement add = c.prepareStatement(ADD_MISSING)) {
        add.setString(1, group);
        bind(c, add, 2, firstOffsets.keySet());
        add.setArray(4, c.createArrayOf("bigint", firstOffsets.values().toArray()));
        add.setArray(5, c.createArrayOf("text", firstOffsets.keySet().stream().map(p -> topicIds.get(p.topic())).toArray()));
        add.executeUpdate();
      }
      return query(c, LOCK, group, firstOffsets.keySet());
    });
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
    jdbc.execute((Connection c) -> {
      Array names = c.createArrayOf("text", current.keySet().toArray());
      Array ids = c.createArrayOf("text", current.values().toArray());
      try (PreparedStatement forget = c.prepareStatement(FORGET_OTHER_TOPICS)) {
        forget.setArray(1, names);
        forget.setArray(2, ids);
        forget.setString(3, group);
        try (ResultSet rs = forget.executeQuery()) {
          while (rs.next()) {
            log.warn("topic {} was created again: forgot the next offset {} of partition {} of the deleted one",
                rs.getString(1), rs.getLong(3), rs.getInt(2));
          }
        }
      }
      try (PreparedStatement name = c.prepareStatement(NAME_TOPICS)) {
        name.setArray(1, names);
        name.setArray(2, ids);
        name.setString(3, group);
        return name.executeUpdate();
      }
    });
  }

  /** The stored offsets of these partitions, for a consumer that was just assigned them. */
  Map<TopicPartition, Long> read(String group, Collection<TopicPartition> partitions) {
    return jdbc.execute((Connection c) -> query(c, READ, group, partitions));
  }

  void advance(String group, Map<TopicPartition, Long> nextOffsets) {
    jdbc.execute((Connection c) -> {
      try (PreparedStatement advance = c.prepareStatement(ADVANCE)) {
        bind(c, advance, 1, nextOffsets.keySet());
        advance.setArray(3, c.createArrayOf("bigint", nextOffsets.values().toArray()));
        advance.setString(4, group);
        return advance.executeUpdate();
      }
    });
  }

  private static Map<TopicPartition, Long> query(Connection c, String sql, String group,
                                                 Collection<TopicPartition> partitions) throws SQLException {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    try (PreparedStatement select = c.prepareStatement(sql)) {
      select.setString(1, group);
      bind(c, select, 2, partitions);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          offsets.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
        }
      }
    }
    return offsets;
  }

  /** Binds the topics and partition numbers as two arrays at {@code index} and {@code index + 1}. */
  private static void bind(Connection c, PreparedStatement statement, int index,
                           Collection<TopicPartition> partitions) throws SQLException {
    statement.setArray(index, c.createArrayOf("text", partitions.stream().map(TopicPartition::topic).toArray()));
    statement.setArray(index + 1, c.createArrayOf("integer", partitions.stream().map(TopicPartition::partition).toArray()));
  }
}
