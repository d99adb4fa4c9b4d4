package dev.rowgate.schema;

/**
 * How long the texts of a row's origin may be. The ingest API's batch ids are UUIDs and it refuses
 * longer file names; the validator rejects a producer's row whose origin breaks these, since a
 * batch id or file name of any length would have to travel with every record of its rows.
 */
public final class OriginLimits {

  public static final int MAX_BATCH_ID = 100;
  public static final int MAX_FILE_NAME = 1000;

  private OriginLimits() {
  }
}
