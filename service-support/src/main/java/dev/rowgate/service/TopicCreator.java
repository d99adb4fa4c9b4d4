package dev.rowgate.service;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Creates the missing topics of the defined tables in the background, trying again until the
 * cluster answers, so that a service starts (and says it is not ready) while Kafka is away; the
 * topics of a table defined later are created as soon as its version applies. An existing topic
 * is left as it is, even with another partition count: adding partitions would send the later
 * records of a key to another partition than its earlier ones.
 */
final class TopicCreator implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TopicCreator.class);
  private static final int TIMEOUT_MS = 10_000;

  private final Map<String, Object> adminConfig;
  private final RetryProperties retry;
  private final Object lock = new Object();
  /** The topics wanted now; null before the first version of the definitions is known. */
  private List<NewTopic> topics;
  private volatile boolean created;
  private volatile String lastFailure = "no table definitions are applied yet";
  private volatile Thread worker;

  TopicCreator(Map<String, Object> adminConfig, RetryProperties retry) {
    this.adminConfig = adminConfig;
    this.retry = retry;
  }

  /** Wants these topics from now: the missing ones are created. */
  void want(List<NewTopic> wanted) {
    synchronized (lock) {
      topics = List.copyOf(wanted);
      created = false;
      lastFailure = "not created yet";
      lock.notifyAll();
    }
  }

  /** True once every topic wanted exists. */
  boolean created() {
    return created;
  }

  /** Why the topics are not there yet. */
  String lastFailure() {
    return lastFailure;
  }

  @Override
  public void start() {
    Thread thread = new Thread(this::createUntilDone, "rowgate-topics");
    thread.setDaemon(true);
    worker = thread;
    thread.start();
  }

  private void createUntilDone() {
    ExponentialBackOff backOff = retry.pauses();
    try (Admin admin = Admin.create(adminConfig)) {
      while (!Thread.currentThread().isInterrupted()) {
        List<NewTopic> wanted = awaitWanted();
        BackOffExecution pauses = backOff.start();
        while (!createdAll(admin, wanted)) {
          long pause = pauses.nextBackOff();
          log.warn("cannot create the topics yet, trying again in {} ms: {}", pause, lastFailure);
          TimeUnit.MILLISECONDS.sleep(pause);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The topics wanted, once some are wanted that are not known to exist. */
  private List<NewTopic> awaitWanted() throws InterruptedException {
    synchronized (lock) {
      while (topics == null || created) {
        lock.wait();
      }
      return topics;
    }
  }

  /** Creates what is missing; true once they exist, unless other topics are wanted meanwhile. */
  private boolean createdAll(Admin admin, List<NewTopic> wanted) {
    try {
      createMissing(admin, wanted);
      synchronized (lock) {
        if (topics == wanted) {
          created = true;
        }
      }
      return true;
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      lastFailure = cause.toString();
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private void createMissing(Admin admin, List<NewTopic> topics) throws ExecutionException, InterruptedException,
      TimeoutException {
    Set<String> existing = admin.listTopics(new ListTopicsOptions().timeoutMs(TIMEOUT_MS)).names()
        .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
    if (!missing.isEmpty()) {
      CreateTopicsResult result = admin.createTopics(missing);
      for (NewTopic topic : missing) {
        try {
          result.values().get(topic.name()).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
          log.info("created topic {} with {} partitions", topic.name(), topic.numPartitions());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    }
    warnAboutOtherPartitionCounts(admin, topics, topics.stream().map(NewTopic::name).filter(existing::contains).toList());
  }

  private void warnAboutOtherPartitionCounts(Admin admin, List<NewTopic> topics, Collection<String> names)
      throws ExecutionException,
      InterruptedException, TimeoutException {
    if (names.isEmpty()) {
      return;
    }
    Map<String, TopicDescription> described = admin.describeTopics(names, new DescribeTopicsOptions()
        .timeoutMs(TIMEOUT_MS)).allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    for (NewTopic topic : topics) {
      TopicDescription description = described.get(topic.name());
      if (description != null && description.partitions().size() != topic.numPartitions()) {
        log.warn("topic {} has {} partitions where {} are configured; it is left as it is", topic.name(),
            description.partitions().size(), topic.numPartitions());
      }
    }
  }

  @Override
  public void stop() {
    Thread thread = worker;
    if (thread != null) {
      thread.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    Thread thread = worker;
    return thread != null && thread.isAlive();
  }
}
