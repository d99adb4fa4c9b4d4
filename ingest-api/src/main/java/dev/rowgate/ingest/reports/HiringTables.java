package dev.rowgate.ingest.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.rowgate.schema.Column;
import dev.rowgate.schema.ColumnType;
import dev.rowgate.schema.Definitions;
import dev.rowgate.schema.Table;
import dev.rowgate.service.definitions.AppliedDefinitions;
import dev.rowgate.service.problem.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The reports count the hiring data: they are served while the applied definitions hold its
 * tables with the columns they read, as {@code definitions/} ships them; otherwise a report is a
 * 404 problem that says what is missing.
 */
@Component
final class HiringTables {

  /** The columns each report reads, by table, with their types. */
  private static final Map<String, Map<String, ColumnType>> READ = Map.of(
      "departments", Map.of("id", ColumnType.INTEGER, "department", ColumnType.TEXT),
      "jobs", Map.of("id", ColumnType.INTEGER, "job", ColumnType.TEXT),
      "hired_employees", Map.of("datetime", ColumnType.TIMESTAMP, "department_id", ColumnType.INTEGER,
          "job_id", ColumnType.INTEGER));

  private final AppliedDefinitions definitions;

  HiringTables(AppliedDefinitions definitions) {
    this.definitions = definitions;
  }

  /** @throws ApiException 404 when the applied definitions lack a table or column the reports read */
  void require() {
    Definitions applied = definitions.latest();
    List<String> missing = new ArrayList<>();
    for (String name : List.of("departments", "jobs", "hired_employees")) {
      Optional<Table> table = applied.table(name);
      if (table.isEmpty()) {
        missing.add("table " + name);
        continue;
      }
      READ.get(name).forEach((column, type) -> {
        Optional<Column> found = table.get().column(column);
        if (found.isEmpty() || found.get().type() != type) {
          missing.add(name + "." + column + " (" + type.word() + ")");
        }
      });
    }
    if (!missing.isEmpty()) {
      throw new ApiException(HttpStatus.NOT_FOUND, "reports-unavailable", "Reports unavailable",
          "The reports count the hiring data, and the applied table definitions (version " + applied.version()
              + ") lack " + String.join(", ", missing) + ": define departments, jobs and hired_employees as "
              + "definitions/ ships them to have the reports");
    }
  }
}
