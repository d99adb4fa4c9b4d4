package dev.rowgate.stack.test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.rowgate.stack.KafkaBroker;
import dev.rowgate.stack.ServiceProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A Kafka broker in a JVM of its own, from this JVM's class path, so that a test can kill it with
 * SIGKILL as a crash would: no clean shutdown, its log recovered when it starts again on the same
 * directory and port.
 */
public final class BrokerProcess implements AutoCloseable {

  private static final Duration READY = Duration.ofSeconds(60);

  private final ServiceProcess process;
  private final Path dataDir;
  private final int port;
  private final int partitions;

  private BrokerProcess(ServiceProcess process, Path dataDir, int port, int partitions) {
    this.process = process;
    this.dataDir = dataDir;
    this.port = port;
    this.partitions = partitions;
  }

  /** {@code <data dir> <port> <default partitions>}: runs a broker until this JVM is stopped. */
  public static void main(String[] args) throws InterruptedException {
    KafkaBroker broker = KafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      broker.close();
      stopped.countDown();
    }, "broker-shutdown"));
    stopped.await();
  }

  /** Starts a broker that keeps its log in {@code dataDir} and waits until it answers. */
  public static BrokerProcess start(Path dataDir, int port, int partitions) {
    ServiceProcess process = ServiceProcess.start("kafka", List.of("-Xmx512m"),
        List.of("-cp", System.getProperty("java.class.path"), BrokerProcess.class.getName(), dataDir.toString(),
            String.valueOf(port), String.valueOf(partitions)),
        Map.of(), dataDir.resolve("broker.log"));
    BrokerProcess broker = new BrokerProcess(process, dataDir, port, partitions);
    broker.awaitReady();
    return broker;
  }

  public String bootstrapServers() {
    return "localhost:" + port;
  }

  /** SIGKILL, as in a crash. */
  public void kill() {
    process.kill();
  }

  /** Starts the broker again on the same directory and port; this one must have stopped. */
  public BrokerProcess startAgain() {
    if (process.isAlive()) {
      throw new IllegalStateException("the broker still runs");
    }
    return start(dataDir, port, partitions);
  }

  private void awaitReady() {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000))) {
      process.await("a metadata request at " + bootstrapServers(), READY, () -> {
        try {
          admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
          return true;
        } catch (ExecutionException | TimeoutException notYet) {
          return false;
        }
      });
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
