package dev.rowgate.service.definitions;

import dev.rowgate.schema.Definitions;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Up once the service follows a version of the table definitions: before db-writer applied the
 * first one, no table is known and the service is not ready, rather than ready and answering
 * every request that no table exists.
 */
public final class DefinitionsHealthIndicator extends AbstractHealthIndicator {

  private final AppliedDefinitions definitions;

  public DefinitionsHealthIndicator(AppliedDefinitions definitions) {
    super("Table definitions health check failed");
    this.definitions = definitions;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Definitions current = definitions.current();
    if (current.version() == 0) {
      builder.down().withDetail("problem", "no table definitions are applied yet: db-writer applies them when it starts");
    } else {
      builder.up().withDetail("version", current.version()).withDetail("tables", current.names());
    }
    if (definitions.failure() != null) {
      builder.withDetail("lastFailure", definitions.failure());
    }
  }
}
