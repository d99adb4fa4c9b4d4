package dev.rowgate.dbwriter;

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

/**
 * A test of the writer on a broker and a database of the class's own (behind a proxy the test may
 * cut, with {@code @OwnInfrastructure(databaseThroughProxy = true)}), whose listeners it may stop
 * and start. A class names its {@code @SpringBootTest} properties.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@OwnInfrastructure
public abstract class WriterOnOwnInfrastructure {

  @Autowired
  protected ServiceInfrastructure infrastructure;

  @Autowired
  protected JdbcTemplate jdbc;

  @Autowired
  protected KafkaListenerEndpointRegistry listeners;

  /** The writer's listener container, once the writer follows the applied definitions and listens to their topics. */
  protected MessageListenerContainer listener() {
    return await().atMost(Duration.ofSeconds(30)).until(() -> listeners.getListenerContainer("db-writer"),
        Objects::nonNull);
  }

  /** The name of the job with this id, or null when there is none. */
  protected String job(int id) {
    return jdbc.queryForList("SELECT job FROM jobs WHERE id = ?", String.class, id).stream().findFirst().orElse(null);
  }
}
