package dev.rowgate.backup;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Writes tables to Avro files on disk and restores tables from them. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BackupApplication {

  public static void main(String[] args) {
    SpringApplication.run(BackupApplication.class, args);
  }
}
