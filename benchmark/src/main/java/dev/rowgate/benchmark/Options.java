package dev.rowgate.benchmark;

import java.nio.file.Path;

/**
 * What to measure.
 *
 * @param rows     hires of the historic load (the CSV file)
 * @param invalid  fraction of those hires that are invalid (an empty name, a datetime without offset,
 *                 or a department that does not exist)
 * @param clients  concurrent clients of the REST ingest
 * @param restRows rows the REST clients send, in batches of 1000
 * @param seed     seed of the data generator
 * @param json     where the figures go as JSON
 * @param workDir  where data files, the broker, the database and the logs go
 * @param peer      whether to measure the peer too (Debezium's JDBC sink on Kafka Connect)
 * @param instances validators and writers of a second historic load, after the one with one of each
 *                  (1: no second load)
 */
record Options(long rows, double invalid, int clients, long restRows, long seed, Path json, Path workDir,
               boolean peer, int instances) {

  static Options parse(String[] args) {
    long rows = 1_000_000;
    double invalid = 0.02;
    int clients = 8;
    long restRows = -1;
    long seed = 42;
    Path json = null;
    Path workDir = Path.of("benchmark", "target", "run");
    boolean peer = false;
    int instances = 1;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (args[i].equals("--peer")) {
        peer = true;
        continue;
      }
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(require(args[i], value));
        case "--invalid" -> invalid = Double.parseDouble(require(args[i], value));
        case "--clients" -> clients = Integer.parseInt(require(args[i], value));
        case "--rest-rows" -> restRows = Long.parseLong(require(args[i], value));
        case "--seed" -> seed = Long.parseLong(require(args[i], value));
        case "--json" -> json = Path.of(require(args[i], value));
        case "--work-dir" -> workDir = Path.of(require(args[i], value));
        case "--instances" -> instances = Integer.parseInt(require(args[i], value));
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options: --rows N, --invalid F,"
            + " --clients C, --rest-rows N, --seed S, --json FILE, --work-dir DIR, --peer, --instances N");
      }
      i++;
    }
    if (rows < 1000 || invalid < 0 || invalid > 0.5 || clients < 1 || instances < 1 || instances > 6) {
      throw new IllegalArgumentException("need --rows of 1000 or more, --invalid from 0 to 0.5, --clients of 1 or more,"
          + " --instances from 1 to 6 (the topics' partitions)");
    }
    long rest = restRows < 0 ? Math.max(10_000, rows / 5) : restRows;
    return new Options(rows, invalid, clients, rest - rest % 1000, seed,
        json != null ? json : workDir.resolve("benchmark.json"), workDir, peer, instances);
  }

  private static String require(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }
}
