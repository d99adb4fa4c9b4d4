package dev.rowgate.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real, single-node Kafka broker in KRaft mode (combined broker and controller) running in this
 * JVM from the Kafka jars. Its replication factors are 1, so transactions and consumer groups work
 * on one node.
 */
public final class KafkaBroker implements AutoCloseable {

  /** The ports {@link #freePort()} handed out: none twice. */
  private static final Set<Integer> GIVEN_PORTS = ConcurrentHashMap.newKeySet();

  private final KafkaRaftServer server;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();

  private KafkaBroker(KafkaRaftServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts a broker that keeps its log in {@code dataDir} (formatted on first use).
   *
   * @param port the client port, or 0 for any free port
   */
  public static KafkaBroker start(Path dataDir, int port, int defaultPartitions) {
    int clientPort = port == 0 ? freePort() : port;
    int controllerPort = freePort();
    Properties config = config(dataDir, clientPort, controllerPort, defaultPartitions);
    format(dataDir, config);
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
    server.startup();
    return new KafkaBroker(server, clientPort);
  }

  /** Starts a broker on a free port with its log in a new temporary directory. */
  public static KafkaBroker startTemporary() {
    try {
      return start(Files.createTempDirectory("rowgate-kafka-"), 0, 3);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String bootstrapServers() {
    return "localhost:" + port;
  }

  /** The client port. */
  public int port() {
    return port;
  }

  /** The names of the topics the broker holds now. */
  public Set<String> topics() {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
      return admin.listTopics().names().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot list the topics", e.getCause());
    }
  }

  /** Creates the topics that do not exist yet, each with {@code partitions} partitions. */
  public void createTopics(int partitions, Collection<String> names) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = names.stream().filter(n -> !existing.contains(n))
          .map(n -> new NewTopic(n, partitions, (short) 1)).toList();
      admin.createTopics(missing).all().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topics " + names, e.getCause());
    }
  }

  /** Stops the broker; a second call does nothing, so a test may stop a broker that its owner stops again. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
  }

  private static Properties config(Path dataDir, int clientPort, int controllerPort, int defaultPartitions) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
    p.put("listeners", "PLAINTEXT://localhost:" + clientPort + ",CONTROLLER://localhost:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://localhost:" + clientPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", dataDir.resolve("log").toString());
    p.put("num.partitions", String.valueOf(defaultPartitions));
    p.put("auto.create.topics.enable", "false");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    return p;
  }

  private static void format(Path dataDir, Properties config) {
    try {
      Files.createDirectories(dataDir);
      Path file = dataDir.resolve("server.properties");
      try (OutputStream out = Files.newOutputStream(file)) {
        config.store(out, "rowgate local broker");
      }
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      String[] args = {"format", "--config", file.toString(), "--cluster-id", clusterId(dataDir),
          "--ignore-formatted"};
      int exit = StorageTool.execute(args, new PrintStream(output, true, StandardCharsets.UTF_8));
      if (exit != 0) {
        throw new IllegalStateException("cannot format Kafka storage in " + dataDir + ": " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cluster id of a log formatted before, which the broker must keep, or a new one. */
  private static String clusterId(Path dataDir) throws IOException {
    Path meta = dataDir.resolve("log").resolve("meta.properties");
    if (Files.exists(meta)) {
      Properties properties = new Properties();
      try (InputStream in = Files.newInputStream(meta)) {
        properties.load(in);
      }
      String id = properties.getProperty("cluster.id");
      if (id != null) {
        return id;
      }
    }
    return Uuid.randomUuid().toString();
  }

  /**
   * A port free now that this JVM has not handed out before. The system may offer a port again as
   * soon as the socket that found it is closed, before the process it was meant for binds it: two
   * services of one stack were once given the same port, and the second could not start.
   */
  public static int freePort() {
    for (int attempt = 0; attempt < 1000; attempt++) {
      try (ServerSocket socket = new ServerSocket(0)) {
        if (GIVEN_PORTS.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free port that was not handed out before, after 1000 tries");
  }
}
