package dev.rowgate.backup.operation;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rowgate.service.problem.ApiException;

/**
 * A backup or restore under way or finished: its progress in rows, and its result or failure.
 * The worker updates it; requests read it.
 */
public final class Operation {

  public enum Kind { BACKUP, RESTORE }

  public enum State { RUNNING, DONE, FAILED }

  private final String id;
  private final Kind kind;
  private final String table;
  private final Instant startedAt = Instant.now();
  private final AtomicLong done = new AtomicLong();
  private final CompletableFuture<Operation> finished = new CompletableFuture<>();
  private volatile long total = -1;
  private volatile String unit = "rows";
  private volatile String phase = "queued";
  private volatile State state = State.RUNNING;
  private volatile Instant finishedAt;
  private volatile Object result;
  private volatile ApiException failure;

  Operation(String id, Kind kind, String table) {
    this.id = id;
    this.kind = kind;
    this.table = table;
  }

  /** What a client sees of an operation. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record View(String id, String kind, String table, String state, String phase, long done, Long total,
                     String unit, Instant startedAt, Instant finishedAt, Object result, String error) {
  }

  public View view() {
    return new View(id, kind.name().toLowerCase(), table, state.name().toLowerCase(), phase, done.get(),
        total < 0 ? null : total, unit, startedAt, finishedAt, result, failure == null ? null : failure.getMessage());
  }

  /** Enters a phase of the work, e.g. reading, with the rows it will go through (-1: unknown). */
  public void phase(String name, long rows) {
    phase(name, rows, "rows");
  }

  /** Enters a phase of the work that goes through {@code total} of {@code unit}, e.g. bytes. */
  public void phase(String name, long total, String unit) {
    this.phase = name;
    this.total = total;
    this.unit = unit;
    this.done.set(0);
  }

  public void progress(long amount) {
    done.addAndGet(amount);
  }

  void succeed(Object value) {
    result = value;
    finish(State.DONE);
  }

  void fail(ApiException error) {
    failure = error;
    finish(State.FAILED);
  }

  private void finish(State end) {
    finishedAt = Instant.now();
    phase = end == State.DONE ? "done" : phase;
    state = end;
  }

  /** Lets those who wait for the operation know that it has finished. */
  void announce() {
    finished.complete(this);
  }

  public String id() {
    return id;
  }

  public String table() {
    return table;
  }

  public State state() {
    return state;
  }

  public Object result() {
    return result;
  }

  public ApiException failure() {
    return failure;
  }

  /** Completes when the operation has finished, either way. */
  public CompletableFuture<Operation> finished() {
    return finished;
  }
}
