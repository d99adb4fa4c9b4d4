package dev.rowgate.service.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import dev.rowgate.schema.registry.SchemaRegistry;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * A schema registry, when rowgate uses one: its Confluent-compatible API ({@code ROWGATE_REGISTRY_URL},
 * e.g. Apicurio Registry's {@code http://registry:8080/apis/ccompat/v7}) and credentials. Without a
 * URL there is none, and rowgate's topics hold Avro's single-object encoding. The URL and the
 * credentials are empty unless rowgate-common.yml's variables set them.
 *
 * @param url      the registry's Confluent-compatible API; empty for none
 * @param username HTTP Basic user, empty for none
 * @param password HTTP Basic password
 * @param timeout  how long a request to the registry may take
 */
@Validated
@ConfigurationProperties("rowgate.registry")
public record RegistryProperties(String url, String username, String password, @DefaultValue("5s") Duration timeout) {

  /** The registry these properties name, if they name one. */
  public Optional<SchemaRegistry> registry() {
    return url.isBlank() ? Optional.empty()
        : Optional.of(new SchemaRegistry(URI.create(url.trim()), username, password, timeout));
  }
}
