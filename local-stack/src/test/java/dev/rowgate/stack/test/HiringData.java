package dev.rowgate.stack.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The real hiring data (departments, jobs, hired_employees), byte for byte as published: CSV, no header. */
public final class HiringData {

  private HiringData() {
  }

  public static byte[] csv(String table) {
    try (InputStream in = HiringData.class.getResourceAsStream("/globant/" + table + ".csv")) {
      if (in == null) {
        throw new IllegalArgumentException("no hiring data for " + table);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
