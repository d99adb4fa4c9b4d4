package dev.rowgate.stack;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline on this machine: a Kafka broker and PostgreSQL (each in this JVM or embedded
 * unless an external one is given), then each service as a process of its own. The services start
 * side by side: the others say they are not ready until db-writer has migrated the schema, and
 * instances of db-writer migrate it one at a time (Flyway's lock). Instances of one service share
 * its consumer group.
 */
public final class Stack implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Stack.class);

  private static final String COMPRESSION = "ROWGATE_KAFKA_COMPRESSION";
  /** {@code local}: the stack starts Apicurio Registry too, and the services use it. */
  private static final String REGISTRY = "ROWGATE_REGISTRY";
  private static final int REGISTRY_PORT = 8090;
  private static final String DEFINITIONS = "ROWGATE_DEFINITIONS_DIR";
  private static final int PARTITIONS = 6;

  private final Settings settings;
  /** The broker in this JVM; null when the services use an external Kafka. */
  private volatile KafkaBroker broker;
  private final PostgresServer postgres;
  private final String jdbcUrl;
  /** The registry the stack runs; null when it runs none. */
  private volatile RegistryServer registry;
  private final ServiceProcesses services;
  private final String adminPassword;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread shutdownHook = new Thread(this::closeOnExit, "stack-shutdown");

  /**
   * @param home        the repository, where each module's target/ holds its runnable jar
   * @param dataDir     where the broker, the embedded database and the logs keep their files
   * @param kafkaPort    the broker's port, 0 for any free one
   * @param kafkaServers an external Kafka's bootstrap servers, or null for a broker in this JVM
   * @param postgresPort the embedded database's port, 0 for any free one
   * @param dbUrl       an external database's JDBC URL, or null for the embedded one
   * @param fixedPorts  true to give each service its usual port, false for free ones
   * @param instances   how many processes of each service (1 when not given, 0 for none)
   * @param environment more environment for every service
   * @param heap        the -Xmx of a service's processes, when not that of the repository's jvm.options
   * @param jvmOptions  more options for every service's JVM
   * @param supervise   true to start again a service that exits without being told to (./run-local);
   *                    false for tests that kill and start services themselves
   */
  public record Settings(Path home, Path dataDir, int kafkaPort, String kafkaServers, int postgresPort, String dbUrl,
                         String dbUser, String dbPassword, boolean fixedPorts, Map<Service, Integer> instances,
                         Map<String, String> environment, Map<Service, String> heap, List<String> jvmOptions,
                         boolean supervise) {
  }

  private Stack(Settings settings, KafkaBroker broker, PostgresServer postgres, String jdbcUrl) {
    this.settings = settings;
    this.adminPassword = settings.environment().getOrDefault("ROWGATE_ADMIN_PASSWORD",
        new BigInteger(128, new SecureRandom()).toString(36));
    this.broker = broker;
    this.postgres = postgres;
    this.jdbcUrl = jdbcUrl;
    this.services = new ServiceProcesses(settings);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  public static Stack start(Settings settings) {
    KafkaBroker broker = null;
    if (settings.kafkaServers() == null) {
      Path kafkaLog = settings.dataDir().resolve("logs").resolve("kafka.log");
      BrokerLog.toFile(kafkaLog);
      try {
        broker = KafkaBroker.start(kafkaDir(settings), settings.kafkaPort(), PARTITIONS);
      } catch (RuntimeException e) {
        throw new IllegalStateException("the Kafka broker did not start: " + rootMessage(e), e);
      }
      log.info("Kafka broker is up at {} (log: {})", broker.bootstrapServers(), kafkaLog);
    }
    PostgresServer postgres = null;
    String jdbcUrl = settings.dbUrl();
    if (jdbcUrl == null) {
      try {
        postgres = PostgresServer.embedded(settings.dataDir().resolve("postgres"), settings.postgresPort());
        postgres.createDatabase("rowgate", "UTC");
      } catch (RuntimeException e) {
        if (postgres != null) {
          postgres.close();
        }
        if (broker != null) {
          broker.close();
        }
        throw new IllegalStateException("the embedded PostgreSQL did not start: " + rootMessage(e), e);
      }
      jdbcUrl = postgres.jdbcUrl("rowgate");
    }
    Stack stack = new Stack(settings, broker, postgres, jdbcUrl);
    try {
      stack.startRegistry();
      stack.startServices();
      return stack;
    } catch (RuntimeException e) {
      boolean toldToStop = stack.closed.get();
      stack.close();
      throw toldToStop ? new Stopped(e) : e;
    }
  }

  /**
   * With {@code ROWGATE_REGISTRY=local}, starts Apicurio Registry, its schemas in a database of its
   * own of the embedded PostgreSQL (in memory with an external one), for the services to use.
   */
  private void startRegistry() {
    if (!"local".equals(settings.environment().getOrDefault(REGISTRY, System.getenv(REGISTRY)))) {
      return;
    }
    RegistryServer.Database database = null;
    if (postgres != null) {
      postgres.createDatabase("apicurio", "UTC");
      database = new RegistryServer.Database(postgres.jdbcUrl("apicurio"), "postgres", "");
    }
    registry = RegistryServer.start(settings.home(), settings.fixedPorts() ? REGISTRY_PORT : 0, database,
        settings.dataDir().resolve("logs").resolve("apicurio-registry.log"));
    log.info("Apicurio Registry is up at {}", registry.url());
  }

  /** Starts every instance of every service side by side, then waits until each is ready. */
  private void startServices() {
    Map<String, String> environment = environment();
    List<ServiceProcess> starting = new ArrayList<>();
    for (Service service : List.of(Service.DB_WRITER, Service.VALIDATOR, Service.INGEST_API, Service.BACKUP)) {
      for (int i = 1; i <= settings.instances().getOrDefault(service, 1); i++) {
        starting.add(services.launch(service, i, environment));
      }
    }
    starting.forEach(services::awaitReady);
  }

  /** The JVM was told to stop (Ctrl-C) while the stack started: it stopped what it had started. */
  public static final class Stopped extends RuntimeException {

    private Stopped(Throwable cause) {
      super("stopped while starting", cause);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }

  /** Starts instance {@code number} of a service and waits until it is ready. */
  public ServiceProcess startInstance(Service service, int number) {
    ServiceProcess process = services.launch(service, number, environment());
    services.awaitReady(process);
    return process;
  }

  /**
   * What the stack gives every service: where Kafka, the database, the backups and the table
   * definitions are ({@code definitions/} of the repository unless the environment names others).
   */
  private Map<String, String> environment() {
    Map<String, String> env = new HashMap<>(settings.environment());
    env.putIfAbsent(DEFINITIONS, definitions());
    env.put("ROWGATE_KAFKA_BOOTSTRAP_SERVERS", kafkaServers());
    env.put("ROWGATE_DB_URL", jdbcUrl);
    env.put("ROWGATE_DB_USER", settings.dbUser() == null ? "" : settings.dbUser());
    env.put("ROWGATE_DB_PASSWORD", settings.dbPassword() == null ? "" : settings.dbPassword());
    env.put("ROWGATE_ADMIN_PASSWORD", adminPassword);
    env.put("ROWGATE_BACKUP_DIR", settings.dataDir().resolve("backups").toString());
    env.put(COMPRESSION, kafkaCompression());
    env.put("ROWGATE_CONSOLE_SERVICES", consoleServices());
    if (registry != null) {
      env.putIfAbsent("ROWGATE_REGISTRY_URL", registry.url());
    }
    return env;
  }

  /** Where the console finds the other services: instance 1 of each the stack runs. */
  private String consoleServices() {
    List<String> services = new ArrayList<>();
    for (Service service : List.of(Service.VALIDATOR, Service.DB_WRITER, Service.BACKUP)) {
      if (settings.instances().getOrDefault(service, 1) > 0) {
        services.add(service.module() + "=http://localhost:" + this.services.port(service, 1));
      }
    }
    return String.join(",", services);
  }

  /**
   * What the services compress their Kafka records with: none unless the environment says
   * otherwise. The stack's broker runs on this machine, where compressing records for it costs
   * CPU and saves no network.
   */
  public String kafkaCompression() {
    return settings.environment().getOrDefault(COMPRESSION,
        Objects.requireNonNullElse(System.getenv(COMPRESSION), "none"));
  }

  /** The directory of table definitions the services apply. */
  public String definitions() {
    return settings.environment().getOrDefault(DEFINITIONS, Objects.requireNonNullElse(System.getenv(DEFINITIONS),
        settings.home().resolve("definitions").toString()));
  }

  /** The base URL of instance {@code number} of a service. */
  public String url(Service service, int number) {
    return services.url(service, number);
  }

  /** The latest process started as instance {@code number} of a service. */
  public ServiceProcess process(Service service, int number) {
    return services.process(service, number);
  }

  /**
   * The admin's password, of the backup API and of the rejected rows: the one given in the
   * environment, or one made up for this run.
   */
  public String adminPassword() {
    return adminPassword;
  }

  /** Each process of the stack with its pid, start, restarts and last exit, as {@code ./run-local status} prints it. */
  public String status() {
    try {
      return java.nio.file.Files.readString(ServiceProcesses.statusFile(settings.dataDir()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read the stack's status", e);
    }
  }

  /** The bootstrap servers of the broker in this JVM, or of the external Kafka. */
  public String kafkaServers() {
    KafkaBroker inThisJvm = broker;
    return inThisJvm == null ? settings.kafkaServers() : inThisJvm.bootstrapServers();
  }

  /**
   * Stops the broker in this JVM, cleanly, and starts it again after {@code down} on the same port
   * and log, as a rolling restart does to the services: they lose their connections, transactions
   * and group coordinator, and must find them again on their own.
   */
  public synchronized void restartBroker(Duration down) throws InterruptedException {
    if (broker == null) {
      throw new IllegalStateException("the services use an external Kafka, which this stack cannot restart");
    }
    int port = broker.port();
    broker.close();
    log.info("Kafka broker stopped; it starts again in {}", down);
    Thread.sleep(down.toMillis());
    broker = KafkaBroker.start(kafkaDir(settings), port, PARTITIONS);
    log.info("Kafka broker is up again at {}", broker.bootstrapServers());
  }

  private static Path kafkaDir(Settings settings) {
    return settings.dataDir().resolve("kafka");
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** The registry the stack runs, if it runs one. */
  public Optional<RegistryServer> registry() {
    return Optional.ofNullable(registry);
  }

  /** Stops the services, the broker and the embedded database; also when this JVM is told to stop. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (!Thread.currentThread().equals(shutdownHook)) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException stopping) {
        log.debug("the JVM is stopping; its hook finds the stack closed by this call");
      }
    }
    services.close();
    if (registry != null) {
      registry.close();
    }
    if (broker != null) {
      broker.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    stopped.countDown();
  }

  /** Waits until the stack is closed, by {@link #close} or when this JVM is told to stop. */
  public void awaitClosed() throws InterruptedException {
    stopped.await();
  }

  private void closeOnExit() {
    log.info("stopping the stack");
    close();
  }
}
