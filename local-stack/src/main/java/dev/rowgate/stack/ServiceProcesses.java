package dev.rowgate.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes of the stack's services: each instance on a port of its own (the service's usual
 * one for instance 1 when the ports are fixed), which it keeps when it is started again, with its
 * own log and the environment that the stack gives every service. When the stack supervises
 * them, one that exits without being told to is started again, after a back-off.
 */
final class ServiceProcesses {

  private static final Logger log = LoggerFactory.getLogger(ServiceProcesses.class);
  private static final Duration READY = Duration.ofSeconds(120);
  private static final Duration BACK_OFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACK_OFF = Duration.ofSeconds(30);
  /** A process that ran this long before it died starts its back-off again from the shortest. */
  private static final Duration STEADY = Duration.ofMinutes(1);
  /** The options of every service's JVM, in the repository: {@code java @jvm.options -jar ...}. */
  static final String JVM_OPTIONS = "jvm.options";

  private final Stack.Settings settings;
  private final Map<Service, List<ServiceProcess>> processes = new EnumMap<>(Service.class);
  private final Map<String, Integer> ports = new ConcurrentHashMap<>();
  private final Map<String, Instant> started = new ConcurrentHashMap<>();
  private final Map<String, Integer> restarts = new ConcurrentHashMap<>();
  private final Map<String, Integer> quickFailures = new ConcurrentHashMap<>();
  private final Map<String, String> lastExit = new ConcurrentHashMap<>();
  private final ScheduledExecutorService restarter = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "stack-restarts");
    thread.setDaemon(true);
    return thread;
  });
  private volatile boolean closing;

  ServiceProcesses(Stack.Settings settings) {
    this.settings = settings;
  }

  /**
   * Refuses a service's usual port when another process listens on it: its readiness would answer
   * for the new service, which could not start (services of a rowgate that was killed, say).
   */
  static void requireFree(String name, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
    } catch (IOException e) {
      throw new IllegalStateException("port " + port + " of " + name + " is in use by another process (a rowgate "
          + "still running, or one whose services outlived it? ss -ltnp 'sport = :" + port + "' names it); stop it "
          + "and start again", e);
    }
  }

  /**
   * Starts instance {@code number} of a service, which then starts on its own while others do.
   *
   * @param environment what every service is given, to which the instance's id and port are added
   */
  ServiceProcess launch(Service service, int number, Map<String, String> environment) {
    String name = name(service, number);
    int port = port(service, number);
    Map<String, String> env = new HashMap<>(environment);
    env.put("ROWGATE_INSTANCE_ID", String.valueOf(number));
    env.put(service.portVariable(), String.valueOf(port));
    ServiceProcess process = ServiceProcess.start(name, jvmOptions(service),
        List.of("-jar", service.jar(settings.home()).toString()), env,
        settings.dataDir().resolve("logs").resolve(name + ".log"));
    synchronized (processes) {
      processes.computeIfAbsent(service, s -> new ArrayList<>()).add(process);
    }
    started.put(name, Instant.now());
    writeStatus();
    if (settings.supervise()) {
      process.exited().thenAccept(code -> exited(service, number, environment, process, code));
    }
    return process;
  }

  /**
   * A supervised process that exited without being told to: says which, with what exit code and
   * last error, and when, then starts it again after a back-off (1 s, doubling to 30 s while it
   * keeps dying within a minute of its start).
   */
  private void exited(Service service, int number, Map<String, String> environment, ServiceProcess process, int code) {
    String name = name(service, number);
    if (closing || process.stopping() || process != process(service, number)) {
      return;
    }
    Instant now = Instant.now();
    boolean quickly = Duration.between(started.getOrDefault(name, now), now).compareTo(STEADY) < 0;
    int failures = quickly ? quickFailures.merge(name, 1, Integer::sum) : resetFailures(name);
    Duration delay = BACK_OFF.multipliedBy(1L << Math.min(failures - 1, 5));
    delay = delay.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : delay;
    int count = restarts.merge(name, 1, Integer::sum);
    Optional<String> lastError = process.lastError();
    lastExit.put(name, "exit " + code + " at " + now + lastError.map(e -> ": " + e).orElse(""));
    writeStatus();
    log.warn("{} exited with code {} at {}{}; starting it again in {} s (restart {}; log: {})", name, code, now,
        lastError.map(e -> " (" + e + ")").orElse(""), delay.toSeconds(), count, process.log());
    restarter.schedule(() -> {
      if (!closing) {
        ServiceProcess again = launch(service, number, environment);
        log.info("{} started again (pid {})", name, again.pid());
      }
    }, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private int resetFailures(String name) {
    quickFailures.put(name, 1);
    return 1;
  }

  /**
   * Writes each process with its pid, start, restarts and last exit to {@code status} in the data
   * directory, which {@code ./run-local status} prints.
   */
  private void writeStatus() {
    StringBuilder status = new StringBuilder(String.format("%-22s %8s  %-24s %8s  %s%n", "process", "pid", "started",
        "restarts", "last exit"));
    Map<String, ServiceProcess> latest = new LinkedHashMap<>();
    synchronized (processes) {
      processes.values().forEach(instances -> instances.forEach(p -> latest.put(p.name(), p)));
    }
    latest.values().forEach(p -> status.append(String.format("%-22s %8s  %-24s %8d  %s%n", p.name(),
        p.isAlive() ? String.valueOf(p.pid()) : "exited", started.get(p.name()), restarts.getOrDefault(p.name(), 0),
        lastExit.getOrDefault(p.name(), "-"))));
    try {
      Files.createDirectories(settings.dataDir());
      Files.writeString(statusFile(settings.dataDir()), status);
    } catch (IOException e) {
      log.warn("cannot write the stack's status to {}: {}", statusFile(settings.dataDir()), e.toString());
    }
  }

  /** Where a stack on this data directory keeps its processes' status. */
  static Path statusFile(Path dataDir) {
    return dataDir.resolve("status");
  }

  /**
   * The port of instance {@code number} of a service, chosen the first time it is asked for (the
   * service's usual one, or the one its port variable in the settings' environment names, for
   * instance 1 when the ports are fixed) and kept when it starts again.
   */
  int port(Service service, int number) {
    String name = name(service, number);
    boolean fixed = settings.fixedPorts() && number == 1;
    int usual = Integer.parseInt(settings.environment().getOrDefault(service.portVariable(),
        String.valueOf(service.defaultPort())));
    if (fixed && !ports.containsKey(name)) {
      requireFree(name, usual);
    }
    return ports.computeIfAbsent(name, n -> fixed ? usual : KafkaBroker.freePort());
  }

  /**
   * The repository's {@code jvm.options} (heap and collector, as in the container image), then the
   * service's heap if the settings give one, then the settings' other options: a later one wins.
   */
  private List<String> jvmOptions(Service service) {
    List<String> options = new ArrayList<>(List.of("@" + settings.home().resolve(JVM_OPTIONS)));
    if (settings.heap().containsKey(service)) {
      options.add("-Xmx" + settings.heap().get(service));
    }
    options.addAll(settings.jvmOptions());
    return options;
  }

  /** Waits until a process this started says it is ready. */
  void awaitReady(ServiceProcess process) {
    String url = "http://localhost:" + ports.get(process.name());
    process.awaitHttpOk(url + "/actuator/health/readiness", READY);
    log.info("{} is ready at {} (log: {})", process.name(), url, process.log());
  }

  String url(Service service, int number) {
    Integer port = ports.get(name(service, number));
    if (port == null) {
      throw new IllegalArgumentException("no instance " + number + " of " + service.module());
    }
    return "http://localhost:" + port;
  }

  /** The latest process started as instance {@code number} of a service. */
  ServiceProcess process(Service service, int number) {
    synchronized (processes) {
      return processes.getOrDefault(service, List.of()).stream().filter(p -> p.name().equals(name(service, number)))
          .reduce((first, last) -> last)
          .orElseThrow(() -> new IllegalArgumentException("no instance " + number + " of " + service.module()));
    }
  }

  /** Stops every process: backup-service, then the stages in the order of the flow, none before those that feed it. */
  void close() {
    closing = true;
    restarter.shutdownNow();
    for (Service service : List.of(Service.BACKUP, Service.INGEST_API, Service.VALIDATOR, Service.DB_WRITER)) {
      List<ServiceProcess> instances;
      synchronized (processes) {
        instances = List.copyOf(processes.getOrDefault(service, List.of()));
      }
      instances.forEach(ServiceProcess::close);
    }
  }

  private static String name(Service service, int number) {
    return service.module() + "-" + number;
  }
}
