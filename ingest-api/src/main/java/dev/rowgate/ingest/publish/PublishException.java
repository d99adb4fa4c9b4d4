package dev.rowgate.ingest.publish;

/** Kafka did not acknowledge every row of a batch. */
public final class PublishException extends RuntimeException {

  public PublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
