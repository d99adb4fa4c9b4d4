package dev.rowgate.ingest.publish;

/**
 * A batch that did not complete: stopped before all its rows were published, or not recorded as
 * received. The rows published go on through the pipeline.
 */
public final class IngestFailedException extends RuntimeException {

  /** What stopped the batch. */
  public enum Cause {
    /** The request: input that could not be read to its end, or a row too large. */
    INPUT,
    /** Kafka refused a row or did not acknowledge every row in time. */
    KAFKA,
    /** Every row was acknowledged, but the database could not record the batch as received. */
    DATABASE
  }

  private final String batchId;
  private final long published;
  private final Cause stoppedBy;

  IngestFailedException(String batchId, long published, Cause stoppedBy, String message, Throwable cause) {
    super(message, cause);
    this.batchId = batchId;
    this.published = published;
    this.stoppedBy = stoppedBy;
  }

  public String batchId() {
    return batchId;
  }

  public long published() {
    return published;
  }

  public Cause stoppedBy() {
    return stoppedBy;
  }
}
