package dev.rowgate.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar local-stack/target/local-stack-*-exec.jar}: the whole pipeline on this machine,
 * until Ctrl-C. Data stays in {@code .rowgate/} between runs. With {@code produce <table> <json>}
 * it publishes one row to the table's raw topic instead, see {@link ProduceRow}; with
 * {@code load <folder or files>} it uploads CSV files to a running rowgate, see {@link LoadFiles}; with
 * {@code status} it prints the running stack's processes, their restarts and last exits. The stack
 * starts again a service that dies, after a back-off, and says which, why and when.
 *
 * <p>Environment: {@code ROWGATE_DB_URL} (with {@code ROWGATE_DB_USER}, {@code ROWGATE_DB_PASSWORD})
 * names an external PostgreSQL instead of the embedded one, {@code ROWGATE_KAFKA_BOOTSTRAP_SERVERS}
 * an external Kafka instead of the broker in this JVM; {@code ROWGATE_KAFKA_PORT} (9092) and
 * {@code ROWGATE_POSTGRES_PORT} (15432) are the ports of the broker and the embedded database;
 * {@code ROWGATE_INGEST_PORT}, {@code ROWGATE_VALIDATOR_PORT}, {@code ROWGATE_WRITER_PORT} and
 * {@code ROWGATE_BACKUP_PORT} (8080 to 8083) those of the services;
 * {@code ROWGATE_REGISTRY=local} starts Apicurio Registry too (port 8090), which the services then use;
 * {@code ROWGATE_HOME} (the working directory) is the repository, {@code ROWGATE_DATA_DIR}
 * ({@code .rowgate} in it) where the stack keeps its data.
 */
public final class LocalStack {

  private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

  private LocalStack() {
  }

  public static void main(String[] args) throws InterruptedException, ExecutionException {
    if (args.length > 0 && args[0].equals("produce")) {
      ProduceRow.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("status")) {
      status(dataDir(System.getenv()));
      return;
    }
    if (args.length > 0 && args[0].equals("load")) {
      LoadFiles.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    Map<String, String> env = System.getenv();
    Stack.Settings settings = new Stack.Settings(home(env), dataDir(env),
        Integer.parseInt(env.getOrDefault("ROWGATE_KAFKA_PORT", "9092")),
        blankToNull(env.get("ROWGATE_KAFKA_BOOTSTRAP_SERVERS")),
        Integer.parseInt(env.getOrDefault("ROWGATE_POSTGRES_PORT", "15432")),
        blankToNull(env.get("ROWGATE_DB_URL")), env.get("ROWGATE_DB_USER"), env.get("ROWGATE_DB_PASSWORD"),
        true, Map.of(), ownSettings(env), Map.of(), List.of(), true);
    if (!DataDirLock.take(settings.dataDir())) {
      log.error("rowgate did not start: another ./run-local is running on {} (it holds {}); stop that one first",
          settings.dataDir(), DataDirLock.file(settings.dataDir()));
      System.exit(1);
      return;
    }
    Stack stack;
    try {
      stack = Stack.start(settings);
    } catch (Stack.Stopped e) {
      log.info("rowgate stopped before it was ready ({})", e.getCause().getMessage());
      return;
    } catch (IllegalStateException e) {
      log.error("rowgate did not start, and stopped what it had started: {}", e.getMessage());
      System.exit(1);
      return;
    }
    keepAdminPassword(settings.dataDir(), stack.adminPassword());
    String api = stack.url(Service.INGEST_API, 1);
    log.info("""

        rowgate is running
          Kafka            {}
          PostgreSQL       {}
          ingest API       {}/api/v1/tables/{table}/rows and /csv
          Swagger UI       {}/swagger-ui.html
          OpenAPI          {}/v3/api-docs
          console          {}/console
          admin            user admin, password {}  (every API: export ADMIN=admin:<password>, curl -u $ADMIN)
          rejected rows    {}/api/v1/tables/{table}/errors  (the admin, or ROWGATE_SECURITY_USERS_<NAME>_...)
          backups          {}/api/v1/backups  (the admin)
          definitions      {}  (POST {}/api/v1/definitions applies them again)
          logs             {}
        Load the sample: ./run-local load samples/hiring; each process and its restarts: ./run-local status
        Ctrl-C stops it.""", stack.kafkaServers(), stack.jdbcUrl(), api, api, api, api, stack.adminPassword(), api,
        stack.url(Service.BACKUP, 1), stack.definitions(), stack.url(Service.BACKUP, 1),
        settings.dataDir().resolve("logs"));
    stack.registry().ifPresent(registry -> log.info("""
          schema registry  {} (Confluent-compatible API, which the services use)
                           {} (Apicurio's own, which its Kafka serdes take)""", registry.url(),
        registry.apicurioUrl()));
    stack.awaitClosed();
  }

  /** The repository: {@code ROWGATE_HOME}, or the working directory. */
  static Path home(Map<String, String> env) {
    return Path.of(env.getOrDefault("ROWGATE_HOME", ".")).toAbsolutePath().normalize();
  }

  /** The stack's data, logs and backups: {@code ROWGATE_DATA_DIR}, or {@code .rowgate/} in the repository. */
  static Path dataDir(Map<String, String> env) {
    String dataDir = blankToNull(env.get("ROWGATE_DATA_DIR"));
    return dataDir == null ? home(env).resolve(".rowgate") : Path.of(dataDir).toAbsolutePath().normalize();
  }

  /** Where a running ./run-local keeps the admin's password, for {@code ./run-local load} on this machine. */
  static Path adminPasswordFile(Path dataDir) {
    return dataDir.resolve("admin-password");
  }

  /** The admin's password in the data directory, readable by this user only. */
  private static void keepAdminPassword(Path dataDir, String password) {
    Path file = adminPasswordFile(dataDir);
    try {
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, password);
    } catch (IOException | UnsupportedOperationException e) {
      log.warn("cannot keep the admin's password in {} for ./run-local load ({}); give it as ROWGATE_PASSWORD", file,
          e.toString());
    }
  }

  /** {@code ./run-local status}: each process of the running stack, with its restarts and last exit. */
  private static void status(Path dataDir) {
    Path status = ServiceProcesses.statusFile(dataDir);
    if (DataDirLock.take(dataDir) || !Files.exists(status)) {
      System.out.println("rowgate is not running on " + dataDir + " (./run-local starts it)");
      System.exit(1);
      return;
    }
    try {
      System.out.print(Files.readString(status));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + status, e);
    }
  }

  /** The admin's password and the services' ports, when the environment gives them. */
  private static Map<String, String> ownSettings(Map<String, String> env) {
    Map<String, String> own = new HashMap<>();
    String password = blankToNull(env.get("ROWGATE_ADMIN_PASSWORD"));
    if (password != null) {
      own.put("ROWGATE_ADMIN_PASSWORD", password);
    }
    for (Service service : Service.values()) {
      String port = blankToNull(env.get(service.portVariable()));
      if (port != null) {
        own.put(service.portVariable(), port);
      }
    }
    return own;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
