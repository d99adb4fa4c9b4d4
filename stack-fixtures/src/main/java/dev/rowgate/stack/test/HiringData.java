package dev.rowgate.stack.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real hiring data (departments, jobs, hired_employees), byte for byte as published: CSV, no
 * header; the files of {@code samples/hiring/} in the repository, read from a module's directory.
 */
public final class HiringData {

  /** The repository's sample folder, as a test (run in its module's directory) finds it. */
  public static final Path FOLDER = Path.of("..", "samples", "hiring").toAbsolutePath().normalize();

  private HiringData() {
  }

  public static byte[] csv(String table) {
    try {
      return Files.readAllBytes(file(table));
    } catch (IOException e) {
      throw new UncheckedIOException("no hiring data for " + table, e);
    }
  }

  public static Path file(String table) {
    return FOLDER.resolve(table + ".csv");
  }
}
