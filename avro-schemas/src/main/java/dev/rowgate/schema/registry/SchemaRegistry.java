package dev.rowgate.schema.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A schema registry through its Confluent-compatible API (Apicurio Registry's
 * {@code /apis/ccompat/v7}, or Confluent's own): the schema of an id, the id of a schema under a
 * subject, and whether a subject's compatibility rule takes a schema. Ids never change their schema,
 * so both are kept once known. A registry that cannot be reached, or answers with a server error,
 * is {@link Unavailable}: an outage, to retry, never a reason to refuse a row.
 */
public final class SchemaRegistry {

  private static final JsonMapper JSON = JsonMapper.shared();
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private final URI base;
  private final String authorization;
  private final Duration timeout;
  private final HttpClient http;
  private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
  private final Map<String, Integer> registered = new ConcurrentHashMap<>();

  /**
   * @param url      the Confluent-compatible API, e.g. {@code http://localhost:8090/apis/ccompat/v7}
   * @param username with {@code password}, HTTP Basic credentials; null for none
   */
  public SchemaRegistry(URI url, String username, String password, Duration timeout) {
    String text = url.toString();
    this.base = URI.create(text.endsWith("/") ? text : text + "/");
    this.authorization = username == null || username.isBlank() ? null : "Basic " + Base64.getEncoder()
        .encodeToString((username + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** The subject of a topic's values: {@code <topic>-value}. */
  public static String valueSubject(String topic) {
    return topic + "-value";
  }

  public URI url() {
    return base;
  }

  /**
   * The schema registered with this id.
   *
   * @throws UnknownSchema when the registry has no schema of this id
   * @throws Unavailable   when the registry does not answer
   */
  public Schema schema(int id) {
    Schema known = byId.get(id);
    if (known != null) {
      return known;
    }
    Answer answer = send(get("schemas/ids/" + id));
    if (answer.status() == 404) {
      throw new UnknownSchema("the schema registry has no schema of id " + id);
    }
    answer.require(200, "the schema of id " + id);
    String type = answer.body().path("schemaType").asString("AVRO");
    if (!type.equals("AVRO")) {
      throw new UnknownSchema("the schema of id " + id + " is " + type + ", not Avro");
    }
    try {
      Schema schema = new Schema.Parser().parse(answer.body().path("schema").asString());
      byId.put(id, schema);
      return schema;
    } catch (RuntimeException e) {
      throw new UnknownSchema("the schema of id " + id + " is no Avro schema rowgate can read: " + e.getMessage());
    }
  }

  /**
   * The id of the schema under the subject, registered there if it is not yet (the registry's
   * compatibility rule for the subject decides whether it may be).
   *
   * @throws Refused     when the registry refuses the schema under the subject
   * @throws Unavailable when the registry does not answer
   */
  public int register(String subject, Schema schema) {
    String key = subject + "\n" + SchemaNormalization.parsingFingerprint64(schema);
    Integer known = registered.get(key);
    if (known != null) {
      return known;
    }
    Answer answer = send(post("subjects/" + encode(subject) + "/versions", schema));
    if (answer.status() == 409 || answer.status() == 422) {
      throw new Refused(answer.message());
    }
    answer.require(200, "registering a schema under " + subject);
    int id = answer.body().path("id").asInt();
    registered.put(key, id);
    byId.putIfAbsent(id, schema);
    return id;
  }

  /**
   * Why the subject's compatibility rule refuses the schema as its next version, or empty when it
   * takes it (or the subject has no version yet).
   *
   * @throws Unavailable when the registry does not answer
   */
  public Optional<String> incompatibility(String subject, Schema schema) {
    Answer answer = send(post("compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true", schema));
    if (answer.status() == 404) {
      return Optional.empty();
    }
    answer.require(200, "the compatibility of a schema under " + subject);
    if (answer.body().path("is_compatible").asBoolean(false)) {
      return Optional.empty();
    }
    StringBuilder why = new StringBuilder("the schema registry's compatibility rule");
    Answer rule = send(get("config/" + encode(subject) + "?defaultToGlobal=true"));
    if (rule.status() == 200) {
      why.append(" (").append(rule.body().path("compatibilityLevel").asString("?")).append(")");
    }
    why.append(" for subject ").append(subject).append(" refuses it");
    JsonNode messages = answer.body().path("messages");
    if (messages.isArray() && !messages.isEmpty()) {
      why.append(": ");
      messages.forEach(m -> why.append(m.asString()).append("; "));
      why.setLength(why.length() - 2);
    }
    return Optional.of(why.toString());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
        .header("Accept", CONTENT_TYPE + ", application/json");
    return authorization == null ? request : request.header("Authorization", authorization);
  }

  private HttpRequest get(String path) {
    return request(path).GET().build();
  }

  private HttpRequest post(String path, Schema schema) {
    String body = JSON.writeValueAsString(Map.of("schema", schema.toString()));
    return request(path).header("Content-Type", CONTENT_TYPE).POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8);
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 500) {
        throw new Unavailable("the schema registry at " + base + " answered " + response.statusCode() + ": "
            + response.body());
      }
      JsonNode body;
      try {
        body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
      } catch (JacksonException e) {
        throw new Unavailable("the schema registry at " + base + " answered what is no JSON: " + response.body());
      }
      return new Answer(response.statusCode(), body);
    } catch (IOException e) {
      throw new Unavailable("the schema registry at " + base + " cannot be reached: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while asking the schema registry at " + base);
    }
  }

  private record Answer(int status, JsonNode body) {

    String message() {
      return body.path("message").asString(String.valueOf(status));
    }

    void require(int expected, String what) {
      if (status != expected) {
        throw new Unavailable("the schema registry refused to give " + what + " (" + status + "): " + message());
      }
    }
  }

  /** The registry cannot be reached, or fails: an outage. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message);
    }
  }

  /** The registry has no (readable) schema of an id. */
  public static final class UnknownSchema extends RuntimeException {
    UnknownSchema(String message) {
      super(message);
    }
  }

  /** The registry refuses a schema under a subject, with its answer. */
  public static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }
}
