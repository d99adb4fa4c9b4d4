package dev.rowgate.ingest.errors;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.rowgate.service.problem.ApiException;
import io.swagger.v3.oas.annotations.Parameter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which rejected rows of a table a request means, from its query: each given parameter narrows
 * them, none (or an empty one) means every one. Rule and field are those of one reason: with both, a reason of that
 * rule on that field.
 */
record ErrorFilter(
    @Parameter(description = "The batch the rows were rejected in") String batch,
    @Parameter(description = "A rule of one of the reasons, e.g. reference or required") String rule,
    @Parameter(description = "The field of one of the reasons, e.g. department_id") String field,
    @Parameter(description = "open, redriven or discarded") String state,
    @Parameter(description = "Rejected at or after this time, ISO-8601, e.g. 2021-07-01T00:00:00Z") String from,
    @Parameter(description = "Rejected before this time, ISO-8601") String to,
    @Parameter(description = "A text that one of the raw values holds, any case") String text,
    @Parameter(description = "The redrive batch that sent the rows again") String redriveBatch) {

  static final Set<String> STATES = Set.of("open", "redriven", "discarded");

  /** A parameter given empty ({@code ?batch=}, or a form's empty field) narrows nothing. */
  ErrorFilter {
    batch = blankToNull(batch);
    rule = blankToNull(rule);
    field = blankToNull(field);
    state = blankToNull(state);
    from = blankToNull(from);
    to = blankToNull(to);
    text = blankToNull(text);
    redriveBatch = blankToNull(redriveBatch);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static final JsonMapper JSON = JsonMapper.shared();

  /**
   * SQL conditions on the errors table {@code e} and their named parameters, named apart from those
   * of the statements they join ({@code :table} is the table's name).
   */
  record Where(String sql, Map<String, Object> parameters) {

    /** These conditions, and the id among {@code ids} when they are given. */
    Where withIds(List<Long> ids) {
      if (ids == null) {
        return this;
      }
      Map<String, Object> more = new LinkedHashMap<>(parameters);
      more.put("chosenIds", ids.toArray(Long[]::new));
      return new Where(sql + " AND e.id = ANY(:chosenIds)", more);
    }
  }

  /** The conditions of this filter; the redrive batch's rows are those of {@code redrive_rows} for {@code table}. */
  Where where(String table) {
    List<String> conditions = new ArrayList<>();
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("table", table);
    if (batch != null) {
      conditions.add("e.batch_id = :inBatch");
      parameters.put("inBatch", batch);
    }
    if (rule != null || field != null) {
      Map<String, String> reason = new LinkedHashMap<>();
      if (rule != null) {
        reason.put("rule", rule);
      }
      if (field != null) {
        reason.put("field", field);
      }
      conditions.add("e.reasons @> CAST(:withReason AS jsonb)");
      parameters.put("withReason", JSON.writeValueAsString(List.of(reason)));
    }
    if (state != null) {
      if (!STATES.contains(state)) {
        throw ApiException.badRequest("bad-filter", "Bad filter", "state is open, redriven or discarded, not '"
            + state + "'");
      }
      conditions.add("e.state = :inState");
      parameters.put("inState", state);
    }
    if (from != null) {
      conditions.add("e.rejected_at >= :rejectedFrom");
      parameters.put("rejectedFrom", Timestamp.from(instant("from", from)));
    }
    if (to != null) {
      conditions.add("e.rejected_at < :rejectedBefore");
      parameters.put("rejectedBefore", Timestamp.from(instant("to", to)));
    }
    if (text != null) {
      conditions.add("EXISTS (SELECT 1 FROM jsonb_each_text(e.raw) v WHERE v.value ILIKE :rawText ESCAPE '\\')");
      parameters.put("rawText", "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }
    if (redriveBatch != null) {
      conditions.add("EXISTS (SELECT 1 FROM redrive_rows r WHERE r.table_name = :table AND r.error_id = e.id"
          + " AND r.batch_id = :sentIn)");
      parameters.put("sentIn", redriveBatch);
    }
    return new Where(conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions), parameters);
  }

  private static Instant instant(String name, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("bad-filter", "Bad filter", name + " is a time in ISO-8601 with an offset, "
          + "like 2021-07-01T00:00:00Z, not '" + value + "'");
    }
  }
}
