package dev.rowgate.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Takes CSV files and JSON batches over HTTP into the raw topics; answers batch status and reports. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(IngestApiApplication.class, args);
  }
}
