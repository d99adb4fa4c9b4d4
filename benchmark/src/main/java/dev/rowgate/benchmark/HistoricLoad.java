package dev.rowgate.benchmark;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.rowgate.stack.Service;
import dev.rowgate.stack.Stack;
import tools.jackson.databind.JsonNode;

/**
 * A CSV file of hires through the pipeline, timed two ways: the writer stage alone (the writer
 * is stopped while the file is uploaded and validated, then started, and timed from its first
 * row to its last), and the whole load with every service running (from the upload's first byte
 * until every row is in hired_employees or hired_employees_errors).
 */
final class HistoricLoad {

  private static final long POLL_MILLIS = 50;

  private final Stack stack;
  private final Api api;
  private final Database db;
  private final ConsumerLag lag;

  HistoricLoad(Stack stack, Api api, Database db, ConsumerLag lag) {
    this.stack = stack;
    this.api = api;
    this.db = db;
    this.lag = lag;
  }

  /** The whole load; returns the time and writes the upload's time to {@code upload}. */
  Duration wholeLoad(HiresFile file, AtomicLong uploadNanos) {
    long start = System.nanoTime();
    String batch = api.sendCsv("hired_employees", file.all().toAbsolutePath());
    uploadNanos.set(System.nanoTime() - start);
    JsonNode done = api.awaitBatch(batch);
    Duration total = Duration.ofNanos(System.nanoTime() - start);
    check(done, file);
    return total;
  }

  /** A stage's time, and the CPU seconds each process spent in it. */
  record Timed(Duration time, Map<String, Double> cpuSeconds) {
  }

  /** The writer stage alone, from its first persisted row to its last. */
  Timed writerStage(HiresFile file, Supplier<Map<String, Double>> cpu) {
    stack.process(Service.DB_WRITER, 1).close();
    String batch = api.sendCsv("hired_employees", file.all().toAbsolutePath());
    awaitValidated(file.rows());
    AtomicLong first = new AtomicLong();
    AtomicReference<Map<String, Double>> cpuAtFirst = new AtomicReference<>();
    CompletableFuture<Timed> last = CompletableFuture.supplyAsync(() -> {
      while (true) {
        JsonNode status = api.batch(batch, Duration.ZERO);
        long written = status.get("persisted").longValue() + status.get("rejected").longValue();
        long now = System.nanoTime();
        if (written > 0 && first.compareAndSet(0, now)) {
          cpuAtFirst.set(cpu.get());
        }
        if (status.get("state").stringValue().equals("done")) {
          check(status, file);
          return new Timed(Duration.ofNanos(now - first.get()), CpuTime.between(cpuAtFirst.get(), cpu.get()));
        }
        pause();
      }
    });
    stack.startInstance(Service.DB_WRITER, 1);
    return last.join();
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
