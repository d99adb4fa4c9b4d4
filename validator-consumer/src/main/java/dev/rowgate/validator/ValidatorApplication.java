package dev.rowgate.validator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Checks raw rows against their table's definition and routes each, exactly once, to the valid or rejected topic. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ValidatorApplication {

  public static void main(String[] args) {
    SpringApplication.run(ValidatorApplication.class, args);
  }
}
