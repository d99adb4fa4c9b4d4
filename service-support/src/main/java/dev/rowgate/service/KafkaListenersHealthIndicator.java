package dev.rowgate.service;

import java.util.List;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Down when a Kafka listener stopped on its own: its consumer was fenced (another instance runs
 * with the same {@code ROWGATE_INSTANCE_ID}) or refused by the cluster. Its partitions are read by
 * no one until the service is restarted, which is what an orchestrator does when liveness is down.
 */
final class KafkaListenersHealthIndicator extends AbstractHealthIndicator {

  private final KafkaListenerEndpointRegistry listeners;

  KafkaListenersHealthIndicator(KafkaListenerEndpointRegistry listeners) {
    super("Kafka listeners health check failed");
    this.listeners = listeners;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    List<String> stopped = listeners.getListenerContainers().stream().filter(c -> !c.isInExpectedState())
        .map(MessageListenerContainer::getListenerId).toList();
    if (stopped.isEmpty()) {
      builder.up().withDetail("listeners", listeners.getListenerContainerIds());
    } else {
      builder.down().withDetail("stopped", stopped);
    }
  }
}
