package dev.rowgate.backup;

import static dev.rowgate.stack.test.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.rowgate.stack.test.Http;
import org.junit.jupiter.api.Test;

/** Values at the edges of their column types: those a backup holds come back as they were, the others are refused. */
class EdgeValuesIT extends BackupServiceOnHiringData {

  @Test
  void timesTextsJsonAndBytesAtTheEdgesComeBackAsTheyWere() {
    jdbc.update("""
        INSERT INTO hired_employees (id, name, datetime, department_id, job_id) VALUES
          (5001, 'forever', 'infinity', 1, 1),
          (5002, 'never', '-infinity', 1, 1),
          (5003, 'Julius', '0045-03-15 12:00:00.5+00 BC', 1, 1),
          (5004, 'far away', '20000-02-29 23:59:59.999999+00', 1, 1),
          (5005, E'tab\\there, new\\nline, back\\\\slash, \u00fcn\u00efc\u00f6d\u00e9 \uD83C\uDF89',
           '1969-12-31 23:59:59.999999+00', 1, 1)""");
    jdbc.update("""
        INSERT INTO hired_employees_errors (channel, received_at, raw, payload, reasons, stage, source_topic,
                                            source_partition, source_offset)
        VALUES ('PRODUCER', '1999-12-31 23:59:59.999999+00', '{"name": "Zo\u00eb\\t\\"q\\"", "n": [1, 2.50, null]}',
                '\\x00ff0a5c09'::bytea, '[]', 'validator', 'rowgate.hired_employees.raw', 5, 9223372036854775807)""");
    List<String> tables = List.of("hired_employees", "hired_employees_errors");
    List<String> before = tables.stream().map(t -> Tables.fingerprint(jdbc, t)).toList();
    for (String table : tables) {
      assertThat(admin.post("/api/v1/backups/" + table + "?wait=30s").status()).isEqualTo(201);
    }

    jdbc.update("DELETE FROM hired_employees WHERE id > 5000");
    jdbc.update("UPDATE hired_employees_errors SET payload = NULL, received_at = now()");
    for (String table : tables) {
      Http.Answer answer = admin.post("/api/v1/restores/" + table + "?wait=30s");
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    assertThat(tables.stream().map(t -> Tables.fingerprint(jdbc, t)).toList()).isEqualTo(before);
    assertThat(jdbc.queryForList("SELECT datetime::text FROM hired_employees WHERE id IN (5001, 5002) ORDER BY id",
        String.class)).containsExactly("infinity", "-infinity");
  }

  @Test
  void aTimeThatNoBackupHoldsIsRefusedAndLeavesNoFile() throws IOException {
    jdbc.update("INSERT INTO hired_employees (id, name, datetime, department_id, job_id)"
        + " VALUES (5001, 'beyond', '294250-01-01 00:00:00+00', 1, 1)");
    List<Path> files = files(backups.resolve("hired_employees"));

    Http.Answer answer = admin.post("/api/v1/backups/hired_employees?wait=30s");

    assertProblem(answer, 422, "value-out-of-range");
    assertThat(answer.json().get("detail").stringValue())
        .isEqualTo("hired_employees.datetime holds a time after 294247-01-10T04:00:54.775806Z, the last one a"
            + " backup holds; no backup was written");
    assertThat(files(backups.resolve("hired_employees"))).isEqualTo(files);
    jdbc.update("DELETE FROM hired_employees WHERE id = 5001");
    for (String table : List.of("hired_employees", "departments", "jobs")) {
      assertThat(admin.post("/api/v1/backups/" + table + "?wait=30s").status()).isEqualTo(201);
    }
  }

  private static List<Path> files(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().toList();
    }
  }
}
