package dev.rowgate.ingest.errors;

import java.util.List;
import java.util.Map;

import dev.rowgate.schema.Table;
import dev.rowgate.service.problem.ApiException;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/** What a rejection's state allows: it is redriven or discarded once, while it is open. */
final class ErrorStates {

  static final JsonMapper JSON = JsonMapper.shared();

  private ErrorStates() {
  }

  /**
   * The rejection's row, read and locked, if it is open.
   *
   * @param found the rows read for its id, with its state, state_by and state_at
   */
  static Map<String, Object> requireOpen(Table table, long id, List<Map<String, Object>> found) {
    if (found.isEmpty()) {
      throw unknown(table, id);
    }
    Map<String, Object> row = found.get(0);
    if (!"open".equals(row.get("state"))) {
      throw new ApiException(HttpStatus.CONFLICT, "not-open", "Not open", "Rejection " + id + " of "
          + table.errorsTable() + " is " + row.get("state") + " (by " + row.get("state_by") + " at "
          + row.get("state_at") + "); only an open rejection is redriven or discarded");
    }
    return row;
  }

  static ApiException unknown(Table table, long id) {
    return new ApiException(HttpStatus.NOT_FOUND, "unknown-error", "Unknown rejection",
        "There is no rejection " + id + " in " + table.errorsTable());
  }
}
