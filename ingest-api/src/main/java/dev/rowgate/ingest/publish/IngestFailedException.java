package dev.rowgate.ingest.publish;

/** A batch stopped before all its rows were published; the rows published so far go on through the pipeline. */
public final class IngestFailedException extends RuntimeException {

  private final String batchId;
  private final long published;
  private final boolean clientFault;

  IngestFailedException(String batchId, long published, boolean clientFault, String message, Throwable cause) {
    super(message, cause);
    this.batchId = batchId;
    this.published = published;
    this.clientFault = clientFault;
  }

  public String batchId() {
    return batchId;
  }

  public long published() {
    return published;
  }

  /** True when the request was at fault (unreadable input), false when Kafka was. */
  public boolean clientFault() {
    return clientFault;
  }
}
