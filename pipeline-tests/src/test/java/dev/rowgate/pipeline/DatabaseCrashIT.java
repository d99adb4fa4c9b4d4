package dev.rowgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;

import dev.rowgate.stack.test.DatabaseNeutral;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL killed with SIGKILL (the postmaster and its backends) while the writer persists a
 * load, and started again on its data directory: what it acknowledged as committed is still
 * there after its crash recovery, the writer goes on from the offsets it finds, the rest of the
 * file arrives, and every row ends in its table or its errors table, once. The server is an
 * embedded one of this test's own, run with the settings of the local stack.
 */
@DatabaseNeutral
class DatabaseCrashIT extends PipelineOnOwnDatabase {

  /** The rows of the file sent before the kill; the others follow once the database is back. */
  static final int FIRST_ROWS = 100_000;

  @BeforeAll
  static void referencedTables() {
    pipeline.withDepartmentsAndJobs();
  }

  @Test
  void aLoadSurvivesTheDatabaseKilledMidwayWithNoRowLostOrDuplicated() throws IOException {
    GeneratedHires hires = GeneratedHires.write(200_000);
    Pipeline.HeldCsv upload = pipeline.sendCsvHeld("hired_employees", hires.file(), FIRST_ROWS);
    pipeline.awaitHiresOver(20_000);

    long persistedAtKill = pipeline.count("SELECT count(*) FROM hired_employees");
    database.kill();
    database.startAgain();
    String batch = upload.sendRest().join();

    assertThat(persistedAtKill).as("rows persisted when killed").isLessThan(hires.persistedOfFirst(FIRST_ROWS));
    hires.assertLoadedOnce(pipeline, pipeline.awaitBatch(batch, Duration.ofMinutes(3)));
  }
}
