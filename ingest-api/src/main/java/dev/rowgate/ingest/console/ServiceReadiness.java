package dev.rowgate.ingest.console;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;

/** Whether each service is ready: this one from its own health, the others from their readiness probes. */
@Component
final class ServiceReadiness {

  private final ConsoleProperties properties;
  private final HealthEndpoint health;
  private final RestClient http;

  ServiceReadiness(ConsoleProperties properties, HealthEndpoint health) {
    this.properties = properties;
    this.health = health;
    SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
    requests.setConnectTimeout(properties.timeout());
    requests.setReadTimeout(properties.timeout());
    this.http = RestClient.builder().requestFactory(requests).build();
  }

  /**
   * A service's readiness: UP, DOWN (with the components that are not up) or UNREACHABLE.
   *
   * @param detail what is down, or why the service could not be asked
   */
  record Readiness(String service, String url, String status, String detail) {
  }

  List<Readiness> all() {
    List<Readiness> all = new ArrayList<>();
    all.add(new Readiness("ingest-api", "this service", health.healthForPath("readiness").getStatus().getCode(), ""));
    properties.serviceUrls().forEach((name, url) -> all.add(of(name, url)));
    return all;
  }

  private Readiness of(String name, URI url) {
    try {
      JsonNode answer = http.get().uri(url.resolve("/actuator/health/readiness")).retrieve().body(JsonNode.class);
      return new Readiness(name, url.toString(), answer.path("status").asString("UNKNOWN"), "");
    } catch (RestClientResponseException e) {
      JsonNode answer = e.getResponseBodyAs(JsonNode.class);
      return new Readiness(name, url.toString(), answer == null ? "DOWN" : answer.path("status").asString("DOWN"),
          answer == null ? e.getMessage() : down(answer));
    } catch (RestClientException e) {
      return new Readiness(name, url.toString(), "UNREACHABLE", e.getMessage());
    }
  }

  /** The components of a health answer that are not up. */
  private static String down(JsonNode answer) {
    List<String> down = new ArrayList<>();
    for (Map.Entry<String, JsonNode> component : answer.path("components").properties()) {
      if (!"UP".equals(component.getValue().path("status").asString(""))) {
        down.add(component.getKey() + " " + component.getValue().path("status").asString(""));
      }
    }
    return String.join(", ", down);
  }
}
