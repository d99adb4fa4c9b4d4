package dev.rowgate.service.redrive;

import java.util.UUID;

/**
 * The batches of rejected rows sent again: each is named {@code redrive-<uuid>}, and its rows are
 * recorded in {@code redrive_rows} before they are published. The ingest API names them; the writer
 * knows them by their name and takes each of their rows once, whatever copies of it reach it.
 */
public final class RedriveBatches {

  /** The channel of a redrive batch in {@code ingest_batches}. */
  public static final String CHANNEL = "REDRIVE";

  private static final String PREFIX = "redrive-";

  private RedriveBatches() {
  }

  public static String newId() {
    return PREFIX + UUID.randomUUID();
  }

  /** True for the name of a redrive batch (or a producer's batch named like one, which redrive_rows does not hold). */
  public static boolean isRedrive(String batchId) {
    return batchId != null && batchId.startsWith(PREFIX);
  }
}
