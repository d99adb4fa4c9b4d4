package dev.rowgate.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The rowgate services the stack runs, each from its module's runnable jar. */
public enum Service {
  DB_WRITER("db-writer", "ROWGATE_WRITER_PORT", 8082),
  VALIDATOR("validator-consumer", "ROWGATE_VALIDATOR_PORT", 8081),
  INGEST_API("ingest-api", "ROWGATE_INGEST_PORT", 8080),
  BACKUP("backup-service", "ROWGATE_BACKUP_PORT", 8083);

  private final String module;
  private final String portVariable;
  private final int defaultPort;

  Service(String module, String portVariable, int defaultPort) {
    this.module = module;
    this.portVariable = portVariable;
    this.defaultPort = defaultPort;
  }

  public String module() {
    return module;
  }

  String portVariable() {
    return portVariable;
  }

  int defaultPort() {
    return defaultPort;
  }

  /** The runnable jar built by {@code ./mvnw package} under {@code home}. */
  public Path jar(Path home) {
    Path target = home.resolve(module).resolve("target");
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(p -> p.getFileName().toString().startsWith(module) && p.toString().endsWith("-exec.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no runnable jar in " + target + "; run ./mvnw package first"));
    } catch (IOException e) {
      throw new UncheckedIOException("no " + target + "; run ./mvnw package first", e);
    }
  }
}
