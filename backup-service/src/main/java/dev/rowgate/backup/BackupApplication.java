package dev.rowgate.backup;

import dev.rowgate.backup.operation.Operations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.scheduling.TaskScheduler;

/** Writes tables to Avro files on disk and restores tables from them. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BackupApplication {

  /** Operations whose table locks live on connections of their own, outside the pool. */
  @Bean
  Operations operations(JdbcClient jdbc, TaskScheduler scheduler, @Value("${spring.datasource.url}") String url,
                        @Value("${spring.datasource.username:}") String user,
                        @Value("${spring.datasource.password:}") String password) {
    return new Operations(new DriverManagerDataSource(url, user, password), jdbc, scheduler);
  }

  public static void main(String[] args) {
    SpringApplication.run(BackupApplication.class, args);
  }
}
