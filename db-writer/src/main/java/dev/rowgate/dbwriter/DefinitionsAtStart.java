package dev.rowgate.dbwriter;

import javax.sql.DataSource;

import dev.rowgate.schema.DefinitionException;
import dev.rowgate.schema.DefinitionFiles;
import dev.rowgate.schema.Definitions;
import dev.rowgate.schema.registry.SchemaRegistry;
import dev.rowgate.service.InstanceProperties;
import dev.rowgate.service.definitions.DefinitionsApplier;
import dev.rowgate.service.definitions.DefinitionsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;

/**
 * The table definitions of the writer's directory, read when the writer starts and applied once
 * the schema is migrated: db-writer owns the schema. Files that cannot be read, or a change that is
 * refused, stop the writer, with every problem and where it is; nothing changed.
 */
@Component
final class DefinitionsAtStart {

  private static final Logger log = LoggerFactory.getLogger(DefinitionsAtStart.class);

  private final DefinitionsProperties properties;
  private final Definitions files;
  private final String appliedBy;
  private final SchemaRegistry registry;

  DefinitionsAtStart(DefinitionsProperties properties, InstanceProperties instance,
                     ObjectProvider<SchemaRegistry> registry) {
    this.properties = properties;
    this.registry = registry.getIfAvailable();
    this.appliedBy = (instance.hasInstanceId() ? "db-writer " + instance.instanceId() : "db-writer") + " at start";
    try {
      this.files = DefinitionFiles.read(properties.directory());
    } catch (DefinitionException e) {
      log.error("the table definitions in {} cannot be used (rowgate.definitions.directory); the writer stops:\n{}",
          properties.directory().toAbsolutePath(), e.getMessage());
      throw e;
    }
  }

  void apply(DataSource database) {
    DefinitionsApplier applier = new DefinitionsApplier(JdbcClient.create(database),
        new DataSourceTransactionManager(database), properties.lockTimeout(), registry);
    try {
      DefinitionsApplier.Applied applied = applier.applyAtStart(files, appliedBy);
      if (!applied.changed()) {
        log.info("table definitions version {} applies; {}", applied.version(), applied.changes().isEmpty()
            ? "the files of " + properties.directory() + " define it" : String.join("; ", applied.changes()));
      }
    } catch (DefinitionException e) {
      log.error("the table definitions in {} cannot be applied; nothing changed and the writer stops:\n{}",
          properties.directory().toAbsolutePath(), e.getMessage());
      throw e;
    }
  }
}
