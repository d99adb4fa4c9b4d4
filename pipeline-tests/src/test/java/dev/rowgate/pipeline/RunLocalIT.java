package dev.rowgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.rowgate.stack.KafkaBroker;
import dev.rowgate.stack.test.DatabaseNeutral;
import dev.rowgate.stack.test.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What ./run-local prints works: the stack's program (what the script runs once it has built the
 * project) on ports and a data directory of the test's own, its printed addresses and admin
 * password reached as a user would, and {@code ./run-local produce} and {@code status} run through
 * the script itself.
 */
@DatabaseNeutral
class RunLocalIT {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final Pattern ADDRESS = Pattern.compile("^ {2}(Kafka|PostgreSQL|ingest API|Swagger UI|OpenAPI|console|backups)"
      + " {2,}(\\S+)");
  static final Pattern PASSWORD = Pattern.compile("^ {2}admin +user admin, password (\\S+) ");

  static final List<String> output = new CopyOnWriteArrayList<>();
  static final Map<String, String> env = new HashMap<>();
  static Process stack;

  @BeforeAll
  static void start() throws IOException {
    env.put("ROWGATE_DATA_DIR", HOME.resolve("pipeline-tests/target/run-local-" + UUID.randomUUID()).toString());
    for (String port : List.of("ROWGATE_KAFKA_PORT", "ROWGATE_POSTGRES_PORT", "ROWGATE_INGEST_PORT",
        "ROWGATE_VALIDATOR_PORT", "ROWGATE_WRITER_PORT", "ROWGATE_BACKUP_PORT")) {
      env.put(port, String.valueOf(KafkaBroker.freePort()));
    }
    ProcessBuilder builder = new ProcessBuilder("java", "-jar", stackJar().toString()).directory(HOME.toFile())
        .redirectErrorStream(true);
    builder.environment().putAll(env);
    builder.environment().remove("ROWGATE_ADMIN_PASSWORD");
    stack = builder.start();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8))) {
        lines.lines().forEach(output::add);
      } catch (IOException e) {
        output.add("output no longer readable: " + e);
      }
    }, "run-local-output");
    reader.setDaemon(true);
    reader.start();
    await().atMost(Duration.ofMinutes(4)).until(() -> !stack.isAlive() || output.stream().anyMatch(l -> l.contains("Ctrl-C stops it.")));
    assertThat(stack.isAlive()).as("the stack is running; it said:\n%s", String.join("\n", output)).isTrue();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    stack.destroy();
    if (!stack.waitFor(2, TimeUnit.MINUTES)) {
      stack.destroyForcibly();
    }
  }

  @Test
  void thePrintedAddressesAndPasswordWork() {
    Map<String, String> printed = printed();
    String password = password();
    assertThat(printed).containsKeys("Kafka", "PostgreSQL", "ingest API", "Swagger UI", "OpenAPI", "console", "backups");
    String api = printed.get("ingest API").replace("/api/v1/tables/{table}/rows", "");
    assertThat(api).isEqualTo("http://localhost:" + env.get("ROWGATE_INGEST_PORT"));

    assertThat(page(printed.get("Swagger UI"))).contains("Swagger UI");
    assertThat(page(printed.get("OpenAPI"))).contains("\"openapi\"");
    assertThat(page(printed.get("console"))).contains("Sign in");
    Http admin = new Http(api).withBasicAuth("admin", password);
    Http.Answer sent = admin.post("/api/v1/tables/jobs/rows", "application/json",
        "{\"rows\": [{\"id\": 9200, \"job\": \"Sent with the printed password\"}]}");
    assertThat(sent.status()).as(sent.body()).isEqualTo(202);
    assertThat(new Http(api).withBasicAuth("admin", password + "x").get("/api/v1/tables").status()).isEqualTo(401);
    assertThat(new Http(printed.get("backups")).withBasicAuth("admin", password).get("").status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(60)).until(() -> jobs(printed.get("PostgreSQL"), 9200) == 1);
  }

  @Test
  void produceThroughTheScriptPublishesARowThatArrivesAndStatusListsEveryProcess() throws Exception {
    Map<String, String> printed = printed();
    Map<String, String> produceEnv = new HashMap<>(env);
    produceEnv.put("ROWGATE_KAFKA_BOOTSTRAP_SERVERS", printed.get("Kafka"));

    String produced = script(produceEnv, "produce", "jobs", "{\"id\": 9100, \"job\": \"Produced\"}");

    assertThat(produced).contains("published to rowgate.jobs.raw-");
    await().atMost(Duration.ofSeconds(60)).until(() -> jobs(printed.get("PostgreSQL"), 9100) == 1);
    assertThat(script(env, "status")).contains("ingest-api-1", "validator-consumer-1", "db-writer-1",
        "backup-service-1");
  }

  /** The page at an address, after the one redirect (to an index page, or to sign in) it may answer. */
  private static String page(String url) {
    Http.Answer answer = new Http(url).get("");
    if (answer.status() == 302) {
      answer = new Http(URI.create(url).resolve(answer.header("Location")).toString()).get("");
    }
    assertThat(answer.status()).as(url).isEqualTo(200);
    return answer.body();
  }

  private static Map<String, String> printed() {
    Map<String, String> printed = new HashMap<>();
    for (String line : output) {
      Matcher address = ADDRESS.matcher(line);
      if (address.find()) {
        printed.put(address.group(1), address.group(2));
      }
    }
    return printed;
  }

  private static String password() {
    return output.stream().map(PASSWORD::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst()
        .orElseThrow(() -> new AssertionError("no password printed in\n" + String.join("\n", output)));
  }

  /** Runs ./run-local with arguments and returns what it printed, once it has ended well. */
  private static String script(Map<String, String> environment, String... args) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of("./run-local"), Stream.of(args)).toList())
        .directory(HOME.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(printed).isZero();
    return printed;
  }

  private static long jobs(String jdbcUrl, int id) {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
         ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM jobs WHERE id = " + id)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path stackJar() {
    try (Stream<Path> jars = Files.list(HOME.resolve("local-stack/target"))) {
      return jars.filter(j -> j.getFileName().toString().matches("local-stack-.*-exec\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("local-stack's jar is not built"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
