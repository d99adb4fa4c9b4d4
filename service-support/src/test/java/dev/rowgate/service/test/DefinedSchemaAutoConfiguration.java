package dev.rowgate.service.test;

import dev.rowgate.service.definitions.DefinitionsProperties;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;

/**
 * In a test of a service other than db-writer, whose context migrates its database with
 * database-schema's migrations: then the definitions of {@code rowgate.definitions.directory} are
 * applied, as db-writer applies them when it starts, so that the service finds its tables.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")
@ConditionalOnClass(Flyway.class)
public class DefinedSchemaAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(FlywayMigrationStrategy.class)
  FlywayMigrationStrategy migrateAndApplyDefinitions(DefinitionsProperties definitions) {
    return flyway -> {
      flyway.migrate();
      TestDefinitions.apply(flyway.getConfiguration().getDataSource(), definitions.directory());
    };
  }
}
