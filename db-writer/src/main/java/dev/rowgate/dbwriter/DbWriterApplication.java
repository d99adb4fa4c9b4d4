package dev.rowgate.dbwriter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Persists valid rows into their tables and rejected rows into {@code <table>_errors}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DbWriterApplication {

  public static void main(String[] args) {
    SpringApplication.run(DbWriterApplication.class, args);
  }
}
