package dev.rowgate.ingest.console;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the console needs to know of the other services.
 *
 * @param services where each other service answers, as {@code name=url} separated by commas; the
 *                 console shows their readiness, and takes backups through backup-service's API
 * @param timeout  how long the console waits for another service's answer
 */
@Validated
@ConfigurationProperties("rowgate.console")
public record ConsoleProperties(
    @DefaultValue("validator-consumer=http://localhost:8081,db-writer=http://localhost:8082,"
        + "backup-service=http://localhost:8083") String services,
    @DefaultValue("5s") Duration timeout) {

  /** The services by name, in the order given. */
  Map<String, URI> serviceUrls() {
    Map<String, URI> urls = new LinkedHashMap<>();
    for (String entry : services.split(",")) {
      int equals = entry.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("rowgate.console.services: '" + entry + "' is not name=url");
      }
      urls.put(entry.substring(0, equals).trim(), URI.create(entry.substring(equals + 1).trim()));
    }
    return urls;
  }

  /** backup-service's URL, if the console knows it. */
  URI backupService() {
    return serviceUrls().get("backup-service");
  }
}
