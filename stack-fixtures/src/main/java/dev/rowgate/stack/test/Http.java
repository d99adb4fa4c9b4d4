package dev.rowgate.stack.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the APIs under test, answering with status, headers and JSON. */
public final class Http {

  private static final JsonMapper JSON = JsonMapper.shared();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String authorization;


  public Http(int port) {
    this("http://localhost:" + port);
  }

  public Http(String base) {
    this(base, null);
  }

  private Http(String base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  /** The same client, sending HTTP Basic credentials with every request. */
  public Http withBasicAuth(String user, String password) {
    return new Http(base, "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8)));
  }

  public record Answer(int status, Map<String, List<String>> headers, String body) {
    public JsonNode json() {
      return JSON.readTree(body);
    }

    public String header(String name) {
      return headers.getOrDefault(name.toLowerCase(), List.of()).stream().findFirst().orElse(null);
    }
  }

  public Answer post(String path, String contentType, byte[] body, String... headers) {
    HttpRequest.Builder request = request(path).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  public Answer post(String path, String contentType, String body, String... headers) {
    return post(path, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  public Answer put(String path, String contentType, String body) {
    return send(request(path).header("Content-Type", contentType)
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  public Answer get(String path, String... headers) {
    HttpRequest.Builder request = request(path).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  public Answer post(String path) {
    return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  /** Asserts that the answer is an RFC 9457 problem of this status and type, with a detail. */
  public static void assertProblem(Answer answer, int status, String type) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.json().get("type").stringValue()).isEqualTo("urn:rowgate:problem:" + type);
    assertThat(answer.json().get("detail").stringValue()).isNotBlank();
  }

  /**
   * A POST whose body is sent piece by piece, as a slow client sends it: {@link Upload#send} each
   * piece, then {@link Upload#finish} for the answer.
   */
  public Upload upload(String path, String contentType, String... headers) {
    SubmissionPublisher<ByteBuffer> body = new SubmissionPublisher<>();
    HttpRequest.Builder request = request(path).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.fromPublisher(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    CompletableFuture<Answer> answer = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> new Answer(response.statusCode(), response.headers().map(), response.body()));
    return new Upload(body, answer);
  }

  /** The body of an {@link #upload} still being sent. */
  public static final class Upload {
    private final SubmissionPublisher<ByteBuffer> body;
    private final CompletableFuture<Answer> answer;

    private Upload(SubmissionPublisher<ByteBuffer> body, CompletableFuture<Answer> answer) {
      this.body = body;
      this.answer = answer;
    }

    /** Sends the next piece of the body (once the client has started the request). */
    public void send(String piece) {
      await().atMost(Duration.ofSeconds(10)).until(body::hasSubscribers);
      body.submit(ByteBuffer.wrap(piece.getBytes(StandardCharsets.UTF_8)));
    }

    /** Ends the body and waits for the answer. */
    public Answer finish() {
      body.close();
      return answer.orTimeout(90, TimeUnit.SECONDS).join();
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(90));
    return authorization == null ? request : request.header("Authorization", authorization);
  }

  public CompletableFuture<Answer> getAsync(String path) {
    return client.sendAsync(request(path).GET().build(),
        HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> new Answer(response.statusCode(), response.headers().map(), response.body()));
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
