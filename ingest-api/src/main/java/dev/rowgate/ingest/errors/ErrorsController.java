package dev.rowgate.ingest.errors;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rowgate.ingest.IngestProperties;
import dev.rowgate.ingest.web.CsvOrJson;
import dev.rowgate.schema.Column;
import dev.rowgate.schema.Table;
import dev.rowgate.service.definitions.AppliedDefinitions;
import dev.rowgate.service.problem.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A table's rejected rows: found with filters, and sent again (redriven) or discarded by an operator. */
@RestController
@SecurityRequirement(name = "basic")
class ErrorsController {

  private static final List<String> CSV_COLUMNS = List.of("id", "batch_id", "row_index", "line", "rejected_at",
      "stage", "state", "reasons");

  private final AppliedDefinitions definitions;
  private final RejectedRows rows;
  private final Redrives redrives;
  private final Discards discards;
  private final IngestProperties properties;

  ErrorsController(AppliedDefinitions definitions, RejectedRows rows, Redrives redrives, Discards discards,
                   IngestProperties properties) {
    this.definitions = definitions;
    this.rows = rows;
    this.redrives = redrives;
    this.discards = discards;
    this.properties = properties;
  }

  /** A page of rejections and, when there may be more, the URL of the next. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ErrorsPage(List<RejectedRow> items, String next) {
  }

  /** Values set over a rejection's raw values when it is sent again. */
  record RedriveRequest(JsonNode values) {
  }

  /** Which of the rejections a filter takes an operator means; all of them when not given. */
  record Selection(List<Long> ids) {
  }

  /** Why rejections are discarded, and which of those a filter takes; all of them when not given. */
  record DiscardRequest(String reason, List<Long> ids) {
  }

  /** How many rejections a discard dropped, or would drop. */
  record Discarded(long rows, boolean dryRun) {
  }

  @Operation(summary = "Rejected rows of a table, newest first",
      description = "Filtered by batch, rule, field, state, time and a text in the raw values; paged with a cursor "
          + "(after: the id of the last row of the previous page) that stays right while new rejections arrive. "
          + "JSON, or CSV (the table's columns as raw values, the next page in Link) for Accept: text/csv.")
  @ApiResponse(responseCode = "200", description = "A page of rejected rows")
  @ApiResponse(responseCode = "401", description = "No credentials, or wrong ones")
  @ApiResponse(responseCode = "403", description = "The user lacks the role viewer")
  @GetMapping(path = "/api/v1/tables/{table}/errors", produces = {"application/json", "text/csv"})
  ResponseEntity<?> list(@PathVariable String table, @ModelAttribute @ParameterObject ErrorFilter filter,
                         @Parameter(description = "The id of the last row of the previous page")
                         @RequestParam(required = false) Long after,
                         @Parameter(description = "Rows per page, 1 to 1000") @RequestParam(defaultValue = "100") int limit,
                         @Parameter(description = "csv for CSV whatever the Accept header")
                         @RequestParam(required = false) String format,
                         @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                         HttpServletRequest request) {
    Table target = definitions.table(table);
    if (limit < 1 || limit > properties.maxRejectedPageSize()) {
      throw ApiException.badRequest("bad-page", "Bad page", "limit is 1 to " + properties.maxRejectedPageSize());
    }
    boolean csv = CsvOrJson.wantsCsv(format, accept, "Rejected rows");
    List<RejectedRow> page = rows.page(target, filter, after, limit);
    String next = page.size() < limit ? null : UriComponentsBuilder.fromUriString(request.getRequestURI()
            + (request.getQueryString() == null ? "" : "?" + request.getQueryString()))
        .replaceQueryParam("after", page.get(page.size() - 1).id()).build(true).toUriString();
    if (!csv) {
      return ResponseEntity.ok(new ErrorsPage(page, next));
    }
    ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(CsvOrJson.CSV);
    if (next != null) {
      answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
    }
    return answer.body(csv(target, page));
  }

  @Operation(summary = "One rejected row, with its history and lineage")
  @ApiResponse(responseCode = "200", description = "The rejected row")
  @ApiResponse(responseCode = "404", description = "No such table, or no such rejection")
  @GetMapping("/api/v1/tables/{table}/errors/{id}")
  RejectedRow one(@PathVariable String table, @PathVariable long id) {
    Table target = definitions.table(table);
    return rows.find(target, id).orElseThrow(() -> ErrorStates.unknown(target, id));
  }

  @Operation(summary = "Send one rejected row again, as it was or with corrected values",
      description = "The row goes through the pipeline in a batch of its own, whose status the answer names. "
          + "With {\"values\": {...}}, each value given replaces the raw one. The rejection becomes redriven.")
  @ApiResponse(responseCode = "202", description = "Recorded and published; the batch's status follows it")
  @ApiResponse(responseCode = "400", description = "A row kept only as bytes, sent without values")
  @ApiResponse(responseCode = "409", description = "The rejection is not open: redriven or discarded before")
  @PostMapping("/api/v1/tables/{table}/errors/{id}/redrive")
  ResponseEntity<Redrives.Outcome> redriveOne(@PathVariable String table, @PathVariable long id,
                                              @RequestBody(required = false) RedriveRequest body, Principal user) {
    Table target = definitions.table(table);
    JsonNode values = body == null ? null : body.values();
    if (values != null && !values.isObject()) {
      throw ApiException.badRequest("bad-values", "Bad values", "values is an object of field names and values");
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(redrives.one(target, id, (ObjectNode) values, user.getName()));
  }

  @Operation(summary = "Send again every open rejected row a filter takes",
      description = "One batch of them all, in id order, whose status the answer names; rows kept only as bytes "
          + "need values and are counted in needValues instead. With dryRun=true, only the counts.")
  @ApiResponse(responseCode = "202", description = "Recorded and published; the batch's status follows it")
  @ApiResponse(responseCode = "200", description = "A dry run, or no open row matched: the counts only")
  @PostMapping("/api/v1/tables/{table}/errors/redrive")
  ResponseEntity<Redrives.Outcome> redriveMatching(@PathVariable String table,
                                                   @ModelAttribute @ParameterObject ErrorFilter filter,
                                                   @Parameter(description = "true to count only")
                                                   @RequestParam(defaultValue = "false") boolean dryRun,
                                                   @RequestBody(required = false) Selection body, Principal user) {
    Table target = definitions.table(table);
    ErrorFilter.Where where = filter.where(target.name()).withIds(body == null ? null : body.ids());
    if (dryRun) {
      return ResponseEntity.ok(redrives.dryRun(target, where));
    }
    Redrives.Outcome outcome = redrives.matching(target, where, user.getName());
    return ResponseEntity.status(outcome.batchId() == null ? HttpStatus.OK : HttpStatus.ACCEPTED).body(outcome);
  }

  @Operation(summary = "Discard one rejected row, with a reason")
  @ApiResponse(responseCode = "200", description = "The rejection, now discarded")
  @ApiResponse(responseCode = "400", description = "No reason given")
  @ApiResponse(responseCode = "409", description = "The rejection is not open: redriven or discarded before")
  @PostMapping("/api/v1/tables/{table}/errors/{id}/discard")
  RejectedRow discardOne(@PathVariable String table, @PathVariable long id,
                         @RequestBody(required = false) DiscardRequest body, Principal user) {
    Table target = definitions.table(table);
    discards.one(target, id, reason(body), user.getName());
    return one(table, id);
  }

  @Operation(summary = "Discard every open rejected row a filter takes, with a reason",
      description = "With dryRun=true, only how many would be discarded.")
  @ApiResponse(responseCode = "200", description = "How many were discarded, or would be")
  @ApiResponse(responseCode = "400", description = "No reason given")
  @PostMapping("/api/v1/tables/{table}/errors/discard")
  Discarded discardMatching(@PathVariable String table, @ModelAttribute @ParameterObject ErrorFilter filter,
                            @Parameter(description = "true to count only") @RequestParam(defaultValue = "false")
                            boolean dryRun, @RequestBody(required = false) DiscardRequest body, Principal user) {
    Table target = definitions.table(table);
    ErrorFilter.Where where = filter.where(target.name()).withIds(body == null ? null : body.ids());
    if (dryRun) {
      Redrives.Outcome counts = redrives.dryRun(target, where);
      return new Discarded(counts.rows() + counts.needValues(), true);
    }
    return new Discarded(discards.matching(target, where, reason(body), user.getName()), false);
  }

  private static String reason(DiscardRequest body) {
    if (body == null || body.reason() == null || body.reason().isBlank()) {
      throw ApiException.badRequest("reason-needed", "Reason needed", "A discard says why: {\"reason\": \"...\"}");
    }
    return body.reason();
  }

  /** The page as CSV: each rejection's place, state and reasons, then the table's columns as raw values. */
  private static String csv(Table table, List<RejectedRow> page) {
    List<String> header = new ArrayList<>(CSV_COLUMNS);
    table.columns().stream().map(Column::name).forEach(header::add);
    return CsvOrJson.csv(header, page.stream().map(row -> {
      List<String> values = new ArrayList<>(List.of(String.valueOf(row.id()), text(row.batchId()), text(row.index()),
          text(row.line()), row.rejectedAt().toString(), row.stage(), row.state(), reasons(row.reasons())));
      table.columns().forEach(column -> {
        JsonNode value = row.raw().get(column.name());
        values.add(value == null || value.isNull() ? "" : value.isString() ? value.stringValue() : value.toString());
      });
      return values;
    }).toList());
  }

  private static String reasons(JsonNode reasons) {
    List<String> each = new ArrayList<>();
    reasons.forEach(reason -> each.add(reason.path("message").asString("")));
    return String.join("; ", each);
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}
