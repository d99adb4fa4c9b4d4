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

/** Up when the Kafka cluster answers a metadata request in time. */
final class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final Admin admin;

  KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
    super("Kafka health check failed");
    this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    DescribeClusterResult cluster = admin.describeCluster(
        new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
    String clusterId = cluster.clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    int nodes = cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
    builder.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes);
  }

  @Override
  public void destroy() {
    admin.close(TIMEOUT);
  }
}
