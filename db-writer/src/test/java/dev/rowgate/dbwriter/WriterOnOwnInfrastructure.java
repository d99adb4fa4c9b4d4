package dev.rowgate.dbwriter.persist;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Objects;

import dev.rowgate.stack.test.OwnInfrastructure;
import dev.rowgate.stack.test.ServiceInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/** A test of the writer on a broker and a database of its own, whose listeners it may stop and start. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@OwnInfrastructure
abstract class WriterOnOwnInfrastructure {

  @Autowired
  ServiceInfrastructure infrastructure;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  KafkaListenerEndpointRegistry listeners;

  /** The writer's listener container, once the writer follows the applied definitions and listens to their topics. */
  MessageListenerContainer listener() {
    return await().atMost(Duration.ofSeconds(30)).until(() -> listeners.getListenerContainer("db-writer"),
        Objects::nonNull);
  }

  /** The name of the job with this id, or null when there is none. */
  String job(int id) {
    return jdbc.queryForList("SELECT job FROM jobs WHERE id = ?", String.class, id).stream().findFirst().orElse(null);
  }
}
