package dev.rowgate.dbwriter.batch;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one write did, per batch and per table: valid rows taken, valid rows the writer refused,
 * rows kept from the rejected topic, records the writer could not read, and valid rows that began
 * or ended a wait for a referenced row. Rows without a batch id count for their table only.
 */
public final class Tally {

  private final SortedMap<String, Counts> batches = new TreeMap<>();
  private final Map<String, Counts> tables = new TreeMap<>();

  /**
   * Counts of one batch or table. Persisted rows are the valid ones taken, and those that ended
   * their wait, that the writer neither refused nor set waiting.
   */
  public static final class Counts {
    final String table;
    final String channel;
    long valid;
    long refusedByWriter;
    long rejectedByValidator;
    long undecodable;
    long waiting;
    long resumed;

    Counts(String table, String channel) {
      this.table = table;
      this.channel = channel;
    }

    public long persisted() {
      return valid + resumed - refusedByWriter - waiting;
    }

    public long rejectedByWriter() {
      return refusedByWriter + undecodable;
    }

    public long rejectedByValidator() {
      return rejectedByValidator;
    }

    long rejected() {
      return rejectedByValidator + rejectedByWriter();
    }
  }

  public void valid(String table, String batchId, String channel, long rows) {
    counts(table, batchId, channel).forEach(c -> c.valid += rows);
  }

  /** Valid rows the writer refused (a missing referenced row, a constraint of the database). */
  public void refusedByWriter(String table, String batchId, String channel, long rows) {
    counts(table, batchId, channel).forEach(c -> c.refusedByWriter += rows);
  }

  public void rejectedByValidator(String table, String batchId, String channel, long rows) {
    counts(table, batchId, channel).forEach(c -> c.rejectedByValidator += rows);
  }

  /** Valid rows set waiting for a referenced row: neither persisted nor refused yet. */
  public void waiting(String table, String batchId, String channel, long rows) {
    counts(table, batchId, channel).forEach(c -> c.waiting += rows);
  }

  /** Rows that stopped waiting: written, refused, or replaced by a newer row of their id. */
  public void resumed(String table, String batchId, String channel, long rows) {
    counts(table, batchId, channel).forEach(c -> c.resumed += rows);
  }

  /** Records of the valid topic the writer could not read, kept in the errors table. */
  public void undecodable(String table, String batchId, String channel, long rows) {
    counts(table, batchId, channel).forEach(c -> c.undecodable += rows);
  }

  /** Batches by id, in id order (the order their rows are locked in). */
  SortedMap<String, Counts> batches() {
    return batches;
  }

  public Map<String, Counts> tables() {
    return tables;
  }

  private List<Counts> counts(String table, String batchId, String channel) {
    Counts ofTable = tables.computeIfAbsent(table, t -> new Counts(t, null));
    return Optional.ofNullable(batchId)
        .map(id -> List.of(ofTable, batches.computeIfAbsent(id, b -> new Counts(table, channel))))
        .orElse(List.of(ofTable));
  }
}
