package dev.rowgate.benchmark;

import java.time.Duration;
import java.util.function.Supplier;

/** The shortest of several runs of a timed step: the figure least disturbed by a noisy machine. */
final class Best {

  private Best() {
  }

  static Duration of(int runs, Supplier<Duration> run) {
    Duration best = run.get();
    for (int i = 1; i < runs; i++) {
      Duration next = run.get();
      best = next.compareTo(best) < 0 ? next : best;
    }
    return best;
  }

  /** Times {@code step} {@code runs} times and returns the shortest. */
  static Duration timed(int runs, Runnable step) {
    return of(runs, () -> {
      long start = System.nanoTime();
      step.run();
      return Duration.ofNanos(System.nanoTime() - start);
    });
  }
}
