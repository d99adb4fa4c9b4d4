package dev.rowgate.service.problem;

import java.util.List;

import dev.rowgate.schema.Definitions;
import dev.rowgate.schema.Table;
import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, answered as an RFC 9457 problem.
 *
 * @see ProblemAdvice
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String type;
  private final String title;
  private final List<RowProblem> rows;

  public ApiException(HttpStatus status, String type, String title, String detail, List<RowProblem> rows) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.rows = List.copyOf(rows);
  }

  public ApiException(HttpStatus status, String type, String title, String detail) {
    this(status, type, title, detail, List.of());
  }

  public static ApiException unknownTable(String table, List<String> knownTables) {
    return new ApiException(HttpStatus.NOT_FOUND, "unknown-table", "Unknown table",
        "There is no table '" + table + "'; known tables: " + (knownTables.isEmpty() ? "none yet"
            : String.join(", ", knownTables)));
  }

  /** The table of these definitions named {@code name}, or 404. */
  public static Table definedTable(Definitions definitions, String name) {
    return definitions.table(name).orElseThrow(() -> unknownTable(name, definitions.names()));
  }

  public static ApiException badRequest(String type, String title, String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, type, title, detail);
  }

  public HttpStatus status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public List<RowProblem> rows() {
    return rows;
  }
}
