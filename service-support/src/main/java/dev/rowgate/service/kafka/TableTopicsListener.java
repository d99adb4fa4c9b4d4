package dev.rowgate.service.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import dev.rowgate.schema.Definitions;
import dev.rowgate.service.definitions.AppliedDefinitions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpoint;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.kafka.support.converter.MessageConverter;

/**
 * A listener container over the topics of the applied tables. When a version of the definitions
 * brings a table (or takes one away), the container is stopped, which finishes its poll, and one
 * over the new set of topics takes its place once every partition of them has a leader: a topic
 * created a moment before, whose partitions have none yet, is in the group's metadata with no
 * partition to assign, and its consumers would ask again only at their next metadata refresh. The
 * group rebalances, and each partition goes on from its committed offset. The container is registered as a {@code @KafkaListener}'s would be, so the listeners'
 * health and metrics see it.
 */
public final class TableTopicsListener implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TableTopicsListener.class);
  private static final Duration TOPICS_WAIT = Duration.ofSeconds(30);
  private static final long TOPICS_PAUSE_MS = 200;

  private final String id;
  private final Function<Definitions, List<String>> topicsOf;
  private final Object listener;
  private final int concurrency;
  private final KafkaListenerEndpointRegistry registry;
  private final KafkaListenerContainerFactory<?> factory;
  private final AppliedDefinitions definitions;
  private final Map<String, Object> adminConfig;
  private List<String> topics = List.of();
  private volatile boolean running;

  /** Made by {@link TableTopicsListeners#over}. */
  TableTopicsListener(String id, Function<Definitions, List<String>> topicsOf, Object listener, int concurrency,
                             KafkaListenerEndpointRegistry registry, KafkaListenerContainerFactory<?> factory,
                             AppliedDefinitions definitions, KafkaAdmin kafkaAdmin) {
    this.id = id;
    this.topicsOf = topicsOf;
    this.listener = listener;
    this.concurrency = concurrency;
    this.registry = registry;
    this.factory = factory;
    this.definitions = definitions;
    this.adminConfig = kafkaAdmin.getConfigurationProperties();
  }

  @Override
  public void start() {
    running = true;
    definitions.onChange(this::follow);
  }

  private synchronized void follow(Definitions applied) {
    List<String> wanted = topicsOf.apply(applied);
    if (!running || wanted.equals(topics)) {
      return;
    }
    awaitTopics(wanted);
    stopContainer();
    topics = wanted;
    if (!wanted.isEmpty()) {
      registry.registerListenerContainer(new Endpoint(id, wanted, concurrency, listener), factory, true);
      log.info("{} listens to {} (table definitions version {})", id, wanted, applied.version());
    }
  }

  /**
   * Waits until every partition of the topics has a leader, for up to {@link #TOPICS_WAIT} (the
   * services create the topics of a new table as its version applies); then the container starts
   * anyway, and takes a topic that comes later at its consumers' next metadata refresh
   * ({@code metadata.max.age.ms}, 5 s).
   */
  private void awaitTopics(List<String> wanted) {
    long deadline = System.nanoTime() + TOPICS_WAIT.toNanos();
    String missing = "not asked yet";
    try (Admin admin = Admin.create(adminConfig)) {
      while (System.nanoTime() < deadline) {
        try {
          Map<String, TopicDescription> described = admin.describeTopics(wanted).allTopicNames()
              .get(TOPICS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
          List<String> leaderless = described.values().stream().filter(topic -> topic.partitions().stream()
              .anyMatch(partition -> partition.leader() == null || partition.leader().isEmpty()))
              .map(TopicDescription::name).toList();
          if (leaderless.isEmpty()) {
            return;
          }
          missing = "partitions without a leader in " + leaderless;
        } catch (ExecutionException | TimeoutException e) {
          missing = e instanceof ExecutionException ? e.getCause().toString() : e.toString();
        }
        TimeUnit.MILLISECONDS.sleep(TOPICS_PAUSE_MS);
      }
      log.warn("{}: the topics {} are not all there after {}; listening anyway ({})", id, wanted, TOPICS_WAIT, missing);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void stopContainer() {
    MessageListenerContainer container = registry.unregisterListenerContainer(id);
    if (container != null) {
      container.stop();
    }
  }

  @Override
  public synchronized void stop() {
    running = false;
    stopContainer();
    topics = List.of();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** With the listener containers. */
  @Override
  public int getPhase() {
    return AbstractMessageListenerContainer.DEFAULT_PHASE;
  }

  /** The topics and listener of the container, as a {@code @KafkaListener} would describe them. */
  private record Endpoint(String id, List<String> topics, int concurrency, Object listener)
      implements KafkaListenerEndpoint {

    @Override
    public String getId() {
      return id;
    }

    @Override
    public String getGroupId() {
      return null;
    }

    @Override
    public String getGroup() {
      return null;
    }

    @Override
    public Collection<String> getTopics() {
      return topics;
    }

    @Override
    public TopicPartitionOffset[] getTopicPartitionsToAssign() {
      return new TopicPartitionOffset[0];
    }

    @Override
    public java.util.regex.Pattern getTopicPattern() {
      return null;
    }

    @Override
    public String getClientIdPrefix() {
      return null;
    }

    @Override
    public Integer getConcurrency() {
      return concurrency;
    }

    @Override
    public Boolean getAutoStartup() {
      return true;
    }

    @Override
    public Boolean getBatchListener() {
      return true;
    }

    @Override
    public void setupListenerContainer(MessageListenerContainer container, MessageConverter converter) {
      container.setupMessageListener(listener);
    }

    @Override
    public boolean isSplitIterables() {
      return false;
    }
  }
}
