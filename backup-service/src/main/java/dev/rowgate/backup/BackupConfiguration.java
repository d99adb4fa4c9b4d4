package dev.rowgate.backup;

import dev.rowgate.backup.operation.Operations;
import dev.rowgate.schema.registry.SchemaRegistry;
import dev.rowgate.service.definitions.DefinitionsApplier;
import dev.rowgate.service.definitions.DefinitionsProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;

/** The parts of the backup service that are made from settings rather than found by their constructors. */
@Configuration(proxyBeanMethods = false)
class BackupConfiguration {

  /** Operations whose table locks live on connections of their own, outside the pool. */
  @Bean
  Operations operations(JdbcClient jdbc, TaskScheduler scheduler, @Value("${spring.datasource.url}") String url,
                        @Value("${spring.datasource.username:}") String user,
                        @Value("${spring.datasource.password:}") String password) {
    return new Operations(new DriverManagerDataSource(url, user, password), jdbc, scheduler);
  }

  /** Applies the definitions directory when the admin asks, checked against the schema registry where there is one. */
  @Bean
  DefinitionsApplier definitionsApplier(JdbcClient jdbc, PlatformTransactionManager transactions,
                                        DefinitionsProperties properties, ObjectProvider<SchemaRegistry> registry) {
    return new DefinitionsApplier(jdbc, transactions, properties.lockTimeout(), registry.getIfAvailable());
  }
}
