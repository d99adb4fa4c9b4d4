package dev.rowgate.ingest.console;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import dev.rowgate.service.problem.ApiException;
import dev.rowgate.service.security.UsersProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * backup-service's admin API, as the console calls it for a signed-in admin: with the admin's
 * credentials, which this service has too ({@code ROWGATE_ADMIN_PASSWORD}). A refusal of
 * backup-service comes back as the problem it answered.
 */
@Component
final class BackupClient {

  private final RestClient http;
  private final URI base;

  BackupClient(ConsoleProperties properties, UsersProperties users) {
    this.base = properties.backupService();
    SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
    requests.setConnectTimeout(properties.timeout());
    requests.setReadTimeout(properties.timeout());
    UsersProperties.Admin admin = users.admin();
    this.http = RestClient.builder().requestFactory(requests).defaultHeaders(headers -> {
      if (admin.password() != null && !admin.password().isBlank()) {
        headers.setBasicAuth(admin.username(), admin.password());
      }
    }).build();
  }

  /** Every backup's manifest, newest first. */
  List<JsonNode> backups() {
    return call(() -> List.of(http.get().uri(url("/api/v1/backups")).retrieve().body(JsonNode[].class)));
  }

  /** One backup's manifest. */
  Optional<JsonNode> backup(String id) {
    return backups().stream().filter(m -> id.equals(m.path("id").asString(""))).findFirst();
  }

  /** Starts a backup of the table; returns its id. */
  String takeBackup(String table) {
    return call(() -> http.post().uri(url("/api/v1/backups/" + table)).retrieve().body(JsonNode.class))
        .path("id").asString();
  }

  /** Starts a restore of the table from a backup; returns the restore's id. */
  String restore(String table, String backupId) {
    URI uri = UriComponentsBuilder.fromUri(url("/api/v1/restores/" + table)).queryParam("backupId", backupId)
        .build().encode().toUri();
    return call(() -> http.post().uri(uri).retrieve().body(JsonNode.class)).path("id").asString();
  }

  /** A backup's or restore's progress, or its outcome. */
  JsonNode operation(String kind, String id) {
    String path = "backup".equals(kind) ? "/api/v1/backups/" : "/api/v1/restores/";
    return call(() -> http.get().uri(url(path + id)).retrieve().body(JsonNode.class));
  }

  private URI url(String path) {
    if (base == null) {
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "backup-service-unknown", "backup-service unknown",
          "The console does not know where backup-service is: rowgate.console.services names none");
    }
    return base.resolve(path);
  }

  private interface Call<T> {
    T run();
  }

  private static <T> T call(Call<T> call) {
    try {
      return call.run();
    } catch (RestClientResponseException e) {
      JsonNode problem = e.getResponseBodyAs(JsonNode.class);
      String detail = problem == null ? e.getMessage() : problem.path("detail").asString(e.getMessage());
      throw new ApiException(HttpStatus.valueOf(e.getStatusCode().value()), "backup-service-refused",
          "backup-service refused", detail);
    } catch (RestClientException e) {
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "backup-service-unavailable",
          "backup-service unavailable", "backup-service does not answer: " + e.getMessage());
    }
  }
}
