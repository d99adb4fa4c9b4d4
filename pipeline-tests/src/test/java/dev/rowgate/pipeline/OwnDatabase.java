package dev.rowgate.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import dev.rowgate.stack.KafkaBroker;
import dev.rowgate.stack.PostgresServer;

/**
 * An embedded PostgreSQL of a test's own, with the database rowgate, run with the settings of the
 * local stack, which the test may stop or kill and start again on the same data and port.
 */
final class OwnDatabase implements AutoCloseable {

  private final Path data = Path.of("target", "postgres-" + UUID.randomUUID()).toAbsolutePath();
  private final int port = KafkaBroker.freePort();
  private PostgresServer server;

  OwnDatabase() {
    server = PostgresServer.embedded(data, port);
    server.createDatabase("rowgate", "UTC");
  }

  String jdbcUrl() {
    return server.jdbcUrl("rowgate");
  }

  /** A clean stop: the server goes away. */
  void stop() {
    server.close();
  }

  /** SIGKILL to the postmaster and every backend, then lets go of the server's data directory. */
  void kill() {
    try {
      long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
      ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
      List<ProcessHandle> processes = Stream.concat(Stream.of(postmaster), postmaster.descendants()).toList();
      processes.forEach(ProcessHandle::destroyForcibly);
      processes.forEach(p -> p.onExit().join());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the postmaster's pid", e);
    }
    server.close();
  }

  /** Starts the server again on its data directory and port, after a stop or a kill. */
  void startAgain() {
    server = PostgresServer.embedded(data, port);
  }

  @Override
  public void close() {
    server.close();
  }
}
