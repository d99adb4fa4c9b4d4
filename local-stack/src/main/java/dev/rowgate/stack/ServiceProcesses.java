package dev.rowgate.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes of the stack's services: each instance on a port of its own (the service's usual
 * one for instance 1 when the ports are fixed), which it keeps when it is started again, with its
 * own log and the environment that the stack gives every service.
 */
final class ServiceProcesses {

  private static final Logger log = LoggerFactory.getLogger(ServiceProcesses.class);
  private static final Duration READY = Duration.ofSeconds(120);
  /** The options of every service's JVM, in the repository: {@code java @jvm.options -jar ...}. */
  static final String JVM_OPTIONS = "jvm.options";

  private final Stack.Settings settings;
  private final Map<Service, List<ServiceProcess>> processes = new EnumMap<>(Service.class);
  private final Map<String, Integer> ports = new HashMap<>();

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
    processes.computeIfAbsent(service, s -> new ArrayList<>()).add(process);
    return process;
  }

  /**
   * The port of instance {@code number} of a service, chosen the first time it is asked for (the
   * service's usual one for instance 1 when the ports are fixed) and kept when it starts again.
   */
  int port(Service service, int number) {
    String name = name(service, number);
    boolean fixed = settings.fixedPorts() && number == 1;
    if (fixed && !ports.containsKey(name)) {
      requireFree(name, service.defaultPort());
    }
    return ports.computeIfAbsent(name, n -> fixed ? service.defaultPort() : KafkaBroker.freePort());
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
    return processes.getOrDefault(service, List.of()).stream().filter(p -> p.name().equals(name(service, number)))
        .reduce((first, last) -> last)
        .orElseThrow(() -> new IllegalArgumentException("no instance " + number + " of " + service.module()));
  }

  /** Stops every process: backup-service, then the stages in the order of the flow, none before those that feed it. */
  void close() {
    for (Service service : List.of(Service.BACKUP, Service.INGEST_API, Service.VALIDATOR, Service.DB_WRITER)) {
      processes.getOrDefault(service, List.of()).forEach(ServiceProcess::close);
    }
  }

  private static String name(Service service, int number) {
    return service.module() + "-" + number;
  }
}
