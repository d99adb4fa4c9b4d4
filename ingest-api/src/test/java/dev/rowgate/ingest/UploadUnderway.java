package dev.rowgate.ingest;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.springframework.jdbc.core.JdbcTemplate;

/** What a test sees of a CSV upload still arriving. */
public final class UploadUnderway {

  private UploadUnderway() {
  }

  /** The batch of the upload of {@code fileName}, once its first row arrived and the batch was made. */
  public static String batchOf(JdbcTemplate jdbc, String fileName) {
    return await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForList(
        "SELECT id FROM ingest_batches WHERE file_name = ?", String.class, fileName), ids -> ids.size() == 1).get(0);
  }
}
