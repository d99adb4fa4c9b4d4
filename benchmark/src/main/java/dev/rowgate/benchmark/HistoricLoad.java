package dev.rowgate.benchmark;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/**
 * A CSV file of hires through the pipeline, timed two ways: the writer stage alone (the writer
 * is stopped while the file is uploaded and validated, then started, and timed from its first
 * row to its last), and the whole load with every service running (from the upload's first byte
 * until every row is in hired_employees or hired_employees_errors).
 */
final class HistoricLoad {

  private static final long POLL_MILLIS = 50;

  private final Api api;
  private final Database db;
  private final ConsumerLag lag;

  HistoricLoad(Api api, Database db, ConsumerLag lag) {
    this.api = api;
    this.db = db;
    this.lag = lag;
  }

  /**
   * When each stage of a whole load ended, from the upload's first byte: the upload (every row in
   * the raw topic, 202), the validator (every row routed), the writer (every row in a table).
   */
  record Stages(Duration uploaded, Duration validated, Duration persisted) {
  }

  /** The whole load, with every service running, and when each of its stages ended. */
  Stages wholeLoad(HiresFile file) {
    db.checkpoint();
    long start = System.nanoTime();
    String batch = api.sendCsv("hired_employees", file.all().toAbsolutePath());
    Duration uploaded = Duration.ofNanos(System.nanoTime() - start);
    awaitValidated(file.rows());
    Duration validated = Duration.ofNanos(System.nanoTime() - start);
    JsonNode done = api.awaitBatch(batch);
    Duration persisted = Duration.ofNanos(System.nanoTime() - start);
    check(done, file);
    return new Stages(uploaded, validated, persisted);
  }

  /** A stage's time, and the CPU seconds each process spent in it. */
  record Timed(Duration time, Map<String, Double> cpuSeconds) {
  }

  /**
   * The writer stage alone: while the file is uploaded and validated, the benchmark holds a lock
   * on hired_employees that the writer's first transaction waits for; the time runs from the
   * lock's release until every row is in the table or its errors table. The writer stays warm.
   */
  Timed writerStage(HiresFile file, Supplier<Map<String, Double>> cpu) {
    long released;
    Map<String, Double> before;
    String batch;
    db.checkpoint();
    try (Database.Lock lock = db.lockForWrites("hired_employees")) {
      batch = api.sendCsv("hired_employees", file.all().toAbsolutePath());
      awaitValidated(file.rows());
      before = cpu.get();
      released = System.nanoTime();
    }
    JsonNode status = api.awaitBatch(batch);
    Duration time = Duration.ofNanos(System.nanoTime() - released);
    check(status, file);
    return new Timed(time, CpuTime.between(before, cpu.get()));
  }

  /** Waits until the validator has routed every row of hired_employees.raw. */
  private void awaitValidated(long rows) {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (lag.of("rowgate-validator", "rowgate.hired_employees.raw") > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the validator did not route " + rows + " rows in 10 minutes");
      }
      pause();
    }
  }

  static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void check(JsonNode status, HiresFile file) {
    long persisted = status.get("persisted").longValue();
    long rejected = status.get("rejected").longValue();
    if (persisted + rejected != file.rows() || rejected != file.invalidRows()) {
      throw new IllegalStateException("expected " + file.validRows() + " persisted and " + file.invalidRows()
          + " rejected rows, found " + persisted + " and " + rejected);
    }
  }

  void emptyHires() {
    db.execute("TRUNCATE hired_employees, hired_employees_errors");
  }
}
