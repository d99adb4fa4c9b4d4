package dev.rowgate.benchmark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP APIs of the pipeline, as a client sees them. */
final class Api {

  private static final JsonMapper JSON = JsonMapper.shared();

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final String authorization;

  Api(String base, String user, String password) {
    this.base = base;
    this.authorization = user == null ? null
        : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Sends a CSV file, streamed from disk, and returns the batch id. */
  String sendCsv(String table, Path file) {
    try {
      return accepted(post("/api/v1/tables/" + table + "/csv", "text/csv", HttpRequest.BodyPublishers.ofFile(file)));
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException(e);
    }
  }

  String sendRows(String table, String json) {
    return accepted(post("/api/v1/tables/" + table + "/rows", "application/json",
        HttpRequest.BodyPublishers.ofString(json)));
  }

  JsonNode batch(String batchId, Duration wait) {
    return json(get("/api/v1/batches/" + batchId + "?size=0&wait=" + wait.toSeconds() + "s"));
  }

  /** Waits until the batch is done and returns its status. */
  JsonNode awaitBatch(String batchId) {
    JsonNode status = batch(batchId, Duration.ofSeconds(60));
    while (!status.get("state").stringValue().equals("done")) {
      if (status.get("state").stringValue().equals("failed")) {
        throw new IllegalStateException("batch " + batchId + " failed: " + status);
      }
      status = batch(batchId, Duration.ofSeconds(60));
    }
    return status;
  }

  /** POSTs and waits (polling the operation) until a backup or restore is done; returns its last answer. */
  JsonNode operation(String path, String statusPath) {
    HttpResponse<String> response = post(path + "?wait=60s", "application/json", HttpRequest.BodyPublishers.noBody());
    JsonNode answer = json(response);
    while (response.statusCode() == 202) {
      response = get(statusPath + answer.get("id").stringValue());
      answer = json(response);
      if (!answer.has("state") || !answer.get("state").stringValue().equals("running")) {
        break;
      }
      pause();
    }
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(path + " failed: " + response.body());
    }
    return answer;
  }

  /** GETs a report of the ingest API, e.g. {@code hires-by-quarter?year=2021}, and returns its JSON. */
  String report(String nameAndQuery) {
    HttpResponse<String> response = get("/api/v1/reports/" + nameAndQuery);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("report " + nameAndQuery + ": " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  private HttpResponse<String> post(String path, String type, HttpRequest.BodyPublisher body) {
    return send(request(path).header("Content-Type", type).POST(body).build());
  }

  private HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(10));
    return authorization == null ? request : request.header("Authorization", authorization);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.uri().toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String accepted(HttpResponse<String> response) {
    if (response.statusCode() != 202) {
      throw new IllegalStateException("not accepted: " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body()).get("batchId").stringValue();
  }

  private static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
