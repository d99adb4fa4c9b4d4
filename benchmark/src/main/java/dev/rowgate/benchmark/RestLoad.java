package dev.rowgate.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JSON batches of 1000 rows from concurrent clients: how fast they are accepted, how long each
 * 202 takes, and how long until each batch is persisted (its status, waited for, says done).
 */
final class RestLoad {

  static final int BATCH = 1000;

  /** @param acceptSeconds latencies of the 202s; persistSeconds from each POST to its batch done */
  record Result(long rows, Duration wall, List<Double> acceptSeconds, List<Double> persistSeconds) {
  }

  private final Api api;

  RestLoad(Api api) {
    this.api = api;
  }

  Result run(long firstId, long rows, int clients) {
    AtomicLong nextBatch = new AtomicLong();
    long batches = rows / BATCH;
    ConcurrentLinkedQueue<Double> accepted = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Double> persisted = new ConcurrentLinkedQueue<>();
    ExecutorService waiters = Executors.newCachedThreadPool();
    ExecutorService clientThreads = Executors.newFixedThreadPool(clients);
    List<CompletableFuture<?>> waiting = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    List<CompletableFuture<Void>> senders = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      senders.add(CompletableFuture.runAsync(() -> {
        for (long b = nextBatch.getAndIncrement(); b < batches; b = nextBatch.getAndIncrement()) {
          String json = batch(firstId + b * BATCH);
          long sent = System.nanoTime();
          String batchId = api.sendRows("hired_employees", json);
          accepted.add((System.nanoTime() - sent) / 1e9);
          waiting.add(CompletableFuture.runAsync(() -> {
            api.awaitBatch(batchId);
            persisted.add((System.nanoTime() - sent) / 1e9);
          }, waiters));
        }
      }, clientThreads));
    }
    senders.forEach(CompletableFuture::join);
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    waiting.forEach(CompletableFuture::join);
    waiters.shutdown();
    clientThreads.shutdown();
    return new Result(batches * BATCH, wall, sorted(accepted), sorted(persisted));
  }

  private static String batch(long firstId) {
    StringBuilder json = new StringBuilder(BATCH * 120).append('[');
    for (long id = firstId; id < firstId + BATCH; id++) {
      if (id > firstId) {
        json.append(',');
      }
      json.append("{\"id\":").append(id).append(",\"name\":\"Rest hire ").append(id)
          .append("\",\"datetime\":\"2021-06-15T12:00:00Z\",\"department_id\":").append(1 + id % HiresFile.DEPARTMENTS)
          .append(",\"job_id\":").append(1 + id % HiresFile.JOBS).append('}');
    }
    return json.append(']').toString();
  }

  private static List<Double> sorted(ConcurrentLinkedQueue<Double> values) {
    List<Double> list = new ArrayList<>(values);
    Collections.sort(list);
    return list;
  }

  static double percentile(List<Double> sorted, double p) {
    return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
  }
}
