package dev.rowgate.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.rowgate.stack.Service;
import dev.rowgate.stack.Stack;

/**
 * CPU seconds spent by each process of the run, from /proc: the services, PostgreSQL (every
 * process named postgres, with the connections that have ended), and this JVM, which runs the
 * Kafka broker. The difference of two readings shows where a stage's time went.
 */
final class CpuTime {

  private static final double TICKS = 100.0;
  /** utime, then stime, cutime and cstime. */
  private static final int UTIME = 12;

  private CpuTime() {
  }

  /** @param services each service measured, with how many instances of it run (their times are added up) */
  static Map<String, Double> read(Stack stack, Map<Service, Integer> services) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    services.forEach((service, instances) -> {
      double total = 0;
      for (int i = 1; i <= instances; i++) {
        total += own(stack.process(service, i).pid());
      }
      seconds.put(service.module(), total);
    });
    seconds.put("postgres", postgres());
    seconds.put("kafka broker + benchmark", own(ProcessHandle.current().pid()));
    return seconds;
  }

  static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> spent = new LinkedHashMap<>();
    after.forEach((name, value) -> spent.put(name, Figures.round(value - before.getOrDefault(name, 0.0))));
    return spent;
  }

  private static double own(long pid) {
    String[] fields = stat(pid);
    return fields == null ? 0 : (Long.parseLong(fields[UTIME]) + Long.parseLong(fields[UTIME + 1])) / TICKS;
  }

  /** Every postgres process: its own time, and that of its children that have exited (ended connections). */
  private static double postgres() {
    double total = 0;
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
        String[] fields = stat(Long.parseLong(process.getFileName().toString()));
        if (fields != null && fields[0].equals("postgres")) {
          total += (Long.parseLong(fields[UTIME]) + Long.parseLong(fields[UTIME + 1])
              + Long.parseLong(fields[UTIME + 2]) + Long.parseLong(fields[UTIME + 3])) / TICKS;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return total;
  }

  /** The fields of /proc/<pid>/stat from the command name on: [0] the name, [1] the state, [12] utime. */
  private static String[] stat(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      int open = stat.indexOf('(');
      int close = stat.lastIndexOf(')');
      String name = stat.substring(open + 1, close);
      String[] rest = stat.substring(close + 2).split(" ");
      String[] fields = new String[rest.length + 1];
      fields[0] = name;
      System.arraycopy(rest, 0, fields, 1, rest.length);
      return fields;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
