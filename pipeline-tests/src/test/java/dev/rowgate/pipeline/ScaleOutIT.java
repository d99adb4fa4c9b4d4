package dev.rowgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.rowgate.stack.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two validators and two writers side by side, one of each killed with SIGKILL in the middle of a
 * load and started again: every row ends in its table or its errors table, once.
 */
class ScaleOutIT {

  static final int HIRES = 100_000;
  static Pipeline pipeline;

  @BeforeAll
  static void start() {
    pipeline = Pipeline.start(Map.of(Service.VALIDATOR, 2, Service.DB_WRITER, 2, Service.BACKUP, 0));
    for (String table : new String[] {"departments", "jobs"}) {
      pipeline.awaitBatch(pipeline.sendHiringData(table));
    }
  }

  @AfterAll
  static void stop() {
    pipeline.close();
  }

  @Test
  void aLoadSurvivesAValidatorAndAWriterKilledMidwayWithNoRowLostOrDuplicated() throws IOException {
    Path file = Path.of("target", "hires-" + HIRES + ".csv");
    Files.writeString(file, IntStream.rangeClosed(1, HIRES).mapToObj(ScaleOutIT::hire)
        .collect(Collectors.joining("\n")));
    long emptyNames = IntStream.rangeClosed(1, HIRES).filter(i -> i % 20 == 0).count();
    long unknownDepartments = IntStream.rangeClosed(1, HIRES).filter(i -> i % 17 == 0 && i % 20 != 0).count();

    String batch = pipeline.sendCsv("hired_employees", file);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .until(() -> pipeline.count("SELECT count(*) FROM hired_employees") > 5_000);
    pipeline.stack.process(Service.VALIDATOR, 1).kill();
    pipeline.stack.process(Service.DB_WRITER, 1).kill();
    long persistedAtKill = pipeline.count("SELECT count(*) FROM hired_employees");
    pipeline.stack.startInstance(Service.VALIDATOR, 1);
    pipeline.stack.startInstance(Service.DB_WRITER, 1);

    JsonNode status = pipeline.awaitBatch(batch);
    assertThat(persistedAtKill).as("rows persisted when killed").isLessThan(HIRES - emptyNames - unknownDepartments);
    assertThat(status.get("state").stringValue()).isEqualTo("done");
    assertThat(status.get("received").longValue()).isEqualTo(HIRES);
    assertThat(status.get("valid").longValue()).isEqualTo(HIRES - emptyNames);
    assertThat(status.get("rejected").longValue()).isEqualTo(emptyNames + unknownDepartments);
    assertThat(status.get("persisted").longValue()).isEqualTo(HIRES - emptyNames - unknownDepartments);
    assertThat(pipeline.count("SELECT count(*) FROM hired_employees")).isEqualTo(HIRES - emptyNames - unknownDepartments);
    assertThat(pipeline.count("SELECT count(*) FROM hired_employees_errors WHERE stage = 'validator'"))
        .isEqualTo(emptyNames);
    assertThat(pipeline.count("SELECT count(*) FROM hired_employees_errors WHERE stage = 'writer' "
        + "AND reasons->0->>'rule' = 'reference'")).isEqualTo(unknownDepartments);
  }

  private static String hire(int id) {
    String name = id % 20 == 0 ? "" : "Hire " + id;
    int department = id % 17 == 0 ? 99 : 1 + id % 12;
    return id + "," + name + ",2021-0" + (1 + id % 9) + "-15T10:00:00Z," + department + "," + (1 + id % 183);
  }
}
