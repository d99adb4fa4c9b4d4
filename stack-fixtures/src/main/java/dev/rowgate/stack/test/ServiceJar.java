package dev.rowgate.stack.test;

import java.nio.file.Path;

import dev.rowgate.stack.Service;

/** The runnable jar of a service, for a test of its module, which Maven packages before its integration tests. */
public final class ServiceJar {

  private ServiceJar() {
  }

  /** The service's {@code <module>/target/*-exec.jar}, for {@code java -jar}; the repository is the module's parent. */
  public static String of(Service service) {
    return service.jar(Path.of("..")).toString();
  }

  /** The table definitions the repository ships, as {@code ROWGATE_DEFINITIONS_DIR} names them to a service. */
  public static String definitions() {
    return Path.of("..", "definitions").toAbsolutePath().normalize().toString();
  }
}
