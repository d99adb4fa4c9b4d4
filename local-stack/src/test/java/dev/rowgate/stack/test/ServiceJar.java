package dev.rowgate.stack.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The executable jar of the module under test, which Maven packages before its integration tests. */
public final class ServiceJar {

  private ServiceJar() {
  }

  /** {@code target/<module>-<version>-exec.jar}, for {@code java -jar}. */
  public static String path() {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no *-exec.jar in target: the module is not packaged"))
          .toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
