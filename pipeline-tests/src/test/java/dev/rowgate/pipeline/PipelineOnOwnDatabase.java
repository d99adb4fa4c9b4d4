package dev.rowgate.pipeline;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test of the pipeline (without backup-service) on an embedded PostgreSQL of the class's own,
 * which the test may kill, stop and start again on the same data and port; both are closed after
 * the class.
 */
abstract class PipelineOnOwnDatabase {

  static Pipeline pipeline;
  static OwnDatabase database;

  @BeforeAll
  static void startOnOwnDatabase() {
    pipeline = Pipeline.onOwnDatabase();
    database = pipeline.database();
  }

  @AfterAll
  static void stop() {
    if (pipeline != null) {
      pipeline.close();
      pipeline = null;
    }
  }
}
