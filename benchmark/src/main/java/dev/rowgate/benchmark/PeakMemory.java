package dev.rowgate.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The peak resident memory of a process (VmHWM of /proc/<pid>/status), in megabytes; -1 where unknown. */
final class PeakMemory {

  private PeakMemory() {
  }

  static long megabytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
      return -1;
    } catch (IOException e) {
      return -1;
    }
  }
}
