package dev.rowgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;

import dev.rowgate.stack.Service;
import dev.rowgate.stack.test.DatabaseNeutral;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two validators and two writers side by side, one of each killed with SIGKILL in the middle of a
 * load and started again: every row ends in its table or its errors table, once.
 */
@DatabaseNeutral
class ScaleOutIT {

  static Pipeline pipeline;

  @BeforeAll
  static void start() {
    pipeline = Pipeline.start(Map.of(Service.VALIDATOR, 2, Service.DB_WRITER, 2, Service.BACKUP, 0))
        .withDepartmentsAndJobs();
  }

  @AfterAll
  static void stop() {
    pipeline.close();
  }

  @Test
  void aLoadSurvivesAValidatorAndAWriterKilledMidwayWithNoRowLostOrDuplicated() throws IOException {
    GeneratedHires hires = GeneratedHires.write(100_000);

    String batch = pipeline.sendCsv("hired_employees", hires.file());
    pipeline.awaitHiresOver(5_000);
    pipeline.stack.process(Service.VALIDATOR, 1).kill();
    pipeline.stack.process(Service.DB_WRITER, 1).kill();
    long persistedAtKill = pipeline.count("SELECT count(*) FROM hired_employees");
    pipeline.stack.startInstance(Service.VALIDATOR, 1);
    pipeline.stack.startInstance(Service.DB_WRITER, 1);

    assertThat(persistedAtKill).as("rows persisted when killed").isLessThan(hires.persisted());
    hires.assertLoadedOnce(pipeline, pipeline.awaitBatch(batch));
  }
}
