package dev.rowgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;

/**
 * A CSV file of {@code count} hires with ids 1 to count, for the departments and jobs of the hiring
 * data: every 20th has an empty name (rejected by the validator), every other 17th names a
 * department that does not exist (rejected by the writer), the rest are persisted.
 */
record GeneratedHires(Path file, int count) {

  static GeneratedHires write(int count) throws IOException {
    Path file = Path.of("target", "hires-" + count + ".csv");
    Files.writeString(file, IntStream.rangeClosed(1, count).mapToObj(GeneratedHires::hire)
        .collect(Collectors.joining("\n")));
    return new GeneratedHires(file, count);
  }

  long emptyNames() {
    return IntStream.rangeClosed(1, count).filter(GeneratedHires::hasEmptyName).count();
  }

  /** Hires that pass the validator and name a department that does not exist. */
  long unknownDepartments() {
    return IntStream.rangeClosed(1, count).filter(id -> !hasEmptyName(id) && namesUnknownDepartment(id)).count();
  }

  long persisted() {
    return persistedOfFirst(count);
  }

  /** The hires persisted of the first {@code rows} of the file. */
  long persistedOfFirst(int rows) {
    return IntStream.rangeClosed(1, rows).filter(id -> !hasEmptyName(id) && !namesUnknownDepartment(id)).count();
  }

  /** Every row of the file is in its table or its errors table, once, and the batch says so. */
  void assertLoadedOnce(Pipeline pipeline, JsonNode status) {
    assertThat(status.get("received").longValue()).isEqualTo(count);
    assertThat(status.get("valid").longValue()).isEqualTo(count - emptyNames());
    assertThat(status.get("rejected").longValue()).isEqualTo(emptyNames() + unknownDepartments());
    assertThat(status.get("persisted").longValue()).isEqualTo(persisted());
    assertThat(pipeline.count("SELECT count(*) FROM hired_employees")).isEqualTo(persisted());
    assertThat(pipeline.count("SELECT count(*) FROM hired_employees_errors WHERE stage = 'validator'"))
        .isEqualTo(emptyNames());
    assertThat(pipeline.count("SELECT count(*) FROM hired_employees_errors WHERE stage = 'writer' "
        + "AND reasons->0->>'rule' = 'reference'")).isEqualTo(unknownDepartments());
    assertThat(status.get("state").stringValue()).isEqualTo("done");
  }

  private static boolean hasEmptyName(int id) {
    return id % 20 == 0;
  }

  private static boolean namesUnknownDepartment(int id) {
    return id % 17 == 0;
  }

  private static String hire(int id) {
    String name = hasEmptyName(id) ? "" : "Hire " + id;
    int department = namesUnknownDepartment(id) ? 99 : 1 + id % 12;
    return id + "," + name + ",2021-0" + (1 + id % 9) + "-15T10:00:00Z," + department + "," + (1 + id % 183);
  }
}
