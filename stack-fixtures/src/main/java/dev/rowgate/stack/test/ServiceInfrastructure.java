package dev.rowgate.stack.test;

import java.util.Map;

import dev.rowgate.stack.KafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What a Spring Boot test of a service runs on: a Kafka broker of its own and a database of its
 * own, handed to the service's context as its settings. A test class annotated
 * {@link OwnInfrastructure} gets one for its context (with the database behind a proxy if it asks);
 * a test that needs them before its context starts starts one itself:
 *
 * <pre>{@code
 * static final ServiceInfrastructure INFRASTRUCTURE = ServiceInfrastructure.start();
 *
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) { INFRASTRUCTURE.register(registry); }
 *
 * @AfterAll
 * static void stop() { INFRASTRUCTURE.close(); }
 * }</pre>
 */
public record ServiceInfrastructure(KafkaBroker broker, String database) implements AutoCloseable {

  public static ServiceInfrastructure start() {
    return new ServiceInfrastructure(TestInfrastructure.newBroker(), TestInfrastructure.newDatabase());
  }

  /** The broker and the database as the service's settings. */
  public void register(DynamicPropertyRegistry registry) {
    register(registry, database);
  }

  /** The broker and a database at {@code jdbcUrl} (this one, through a proxy, say) as the service's settings. */
  public void register(DynamicPropertyRegistry registry, String jdbcUrl) {
    settings(jdbcUrl).forEach((name, value) -> registry.add(name, () -> value));
  }

  /** The broker and the database as the service's settings. */
  public Map<String, Object> settings() {
    return settings(database);
  }

  private Map<String, Object> settings(String jdbcUrl) {
    return Map.of("spring.kafka.bootstrap-servers", broker.bootstrapServers(), "spring.datasource.url", jdbcUrl,
        "spring.datasource.username", "");
  }

  @Override
  public void close() {
    broker.close();
  }
}
