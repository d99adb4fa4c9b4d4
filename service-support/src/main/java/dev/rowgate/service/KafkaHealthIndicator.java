package dev.rowgate.service;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Up when the Kafka cluster answers a metadata request in time and, where the service creates
 * them, its topics exist.
 */
final class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final Admin admin;
  private final TopicCreator topics;

  /** @param topics what creates the topics, or null where the service does not */
  KafkaHealthIndicator(KafkaAdmin kafkaAdmin, TopicCreator topics) {
    super("Kafka health check failed");
    this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
    this.topics = topics;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    DescribeClusterResult cluster = admin.describeCluster(
        new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
    String clusterId = cluster.clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    int nodes = cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
    builder.withDetail("clusterId", clusterId).withDetail("nodes", nodes);
    if (topics == null || topics.created()) {
      builder.up();
    } else {
      builder.down().withDetail("topics", "not created yet: " + topics.lastFailure());
    }
  }

  @Override
  public void destroy() {
    admin.close(TIMEOUT);
  }
}
