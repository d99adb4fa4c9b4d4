package dev.rowgate.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Apicurio Registry as a process of its own: the Quarkus application that local-stack's build
 * unpacks into {@code local-stack/target/apicurio-registry} from Maven Central, run by a Java 21 or
 * later ({@code ROWGATE_REGISTRY_JAVA}, or the newest such JDK under {@code /usr/lib/jvm}). Its schemas
 * live in memory, or in a PostgreSQL database when one is given. rowgate talks to it through its
 * Confluent-compatible API, whose ids are those of the registry's wire format.
 */
public final class RegistryServer implements AutoCloseable {

  private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");
  private static final int OLDEST_JAVA = 21;

  private final ServiceProcess process;
  private final int port;

  private RegistryServer(ServiceProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts the registry on a free port, or on {@code port}, and waits until it answers.
   *
   * @param home     the repository, where local-stack's build unpacked the registry
   * @param database a PostgreSQL database of its own to keep the schemas in (its JDBC URL, user and
   *                 password), or null to keep them in memory
   */
  public static RegistryServer start(Path home, int port, Database database, Path log) {
    Path app = home.resolve("local-stack").resolve("target").resolve("apicurio-registry").resolve("quarkus-run.jar");
    if (!Files.isRegularFile(app)) {
      throw new IllegalStateException("no Apicurio Registry at " + app + "; run ./mvnw package first");
    }
    int httpPort = port == 0 ? KafkaBroker.freePort() : port;
    List<String> options = new ArrayList<>(List.of("-Xmx384m", "-Dquarkus.http.port=" + httpPort,
        "-Dquarkus.management.port=" + KafkaBroker.freePort(), "-Dquarkus.http.host=127.0.0.1"));
    if (database != null) {
      options.addAll(List.of("-Dapicurio.storage.kind=sql", "-Dapicurio.storage.sql.kind=postgresql",
          "-Dapicurio.datasource.url=" + database.url(), "-Dapicurio.datasource.username=" + database.user(),
          "-Dapicurio.datasource.password=" + database.password()));
    }
    ServiceProcess process = ServiceProcess.start("apicurio-registry", java(), options,
        List.of("-jar", app.toString()), Map.of(), log);
    RegistryServer registry = new RegistryServer(process, httpPort);
    try {
      process.awaitHttpOk(registry.url() + "/subjects", Duration.ofSeconds(120));
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    return registry;
  }

  /** Where the registry keeps its schemas. */
  public record Database(String url, String user, String password) {
  }

  /** The Confluent-compatible API, which rowgate's services are given ({@code ROWGATE_REGISTRY_URL}). */
  public String url() {
    return "http://localhost:" + port + "/apis/ccompat/v7";
  }

  /** The registry's own API, which Apicurio's serializers take ({@code apicurio.registry.url}). */
  public String apicurioUrl() {
    return "http://localhost:" + port + "/apis/registry/v3";
  }

  public int port() {
    return port;
  }

  /** A Java of version 21 or later: the registry needs one. */
  static Path java() {
    String given = System.getenv("ROWGATE_REGISTRY_JAVA");
    if (given != null && !given.isBlank()) {
      return Path.of(given);
    }
    Path jvms = Path.of("/usr/lib/jvm");
    try (Stream<Path> installed = Files.isDirectory(jvms) ? Files.list(jvms) : Stream.empty()) {
      return installed.map(jdk -> Map.entry(jdk, version(jdk))).filter(e -> e.getValue().orElse(0) >= OLDEST_JAVA)
          .max(Comparator.comparing(e -> e.getValue().orElse(0))).map(e -> e.getKey().resolve("bin").resolve("java"))
          .orElseThrow(() -> new IllegalStateException("Apicurio Registry needs Java " + OLDEST_JAVA + " or later, "
              + "and none is under " + jvms + "; name its java in ROWGATE_REGISTRY_JAVA"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The version of a JDK's release file; none for a directory that holds no JDK. */
  private static Optional<Integer> version(Path jdk) {
    try {
      Matcher version = JAVA_VERSION.matcher(Files.readString(jdk.resolve("release")));
      return version.find() && Files.isExecutable(jdk.resolve("bin").resolve("java"))
          ? Optional.of(Integer.parseInt(version.group(1))) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
