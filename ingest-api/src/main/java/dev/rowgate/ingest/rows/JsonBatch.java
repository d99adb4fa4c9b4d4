package dev.rowgate.ingest.rows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.rowgate.schema.LoneSurrogates;
import dev.rowgate.service.problem.ApiException;
import dev.rowgate.service.problem.RowProblem;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows of a JSON batch: an array of 1 to 1000 objects, or {@code {"rows": [...]}}. What is
 * inside each object is the validator's business; what is not an object, or too large for a
 * Kafka record, is refused here.
 */
final class JsonBatch {

  static final int MAX_ROWS = 1000;

  /** A row travels as one Kafka record, which takes about a megabyte: a row of more JSON cannot. */
  static final int MAX_ROW_BYTES = 1_000_000;

  /**
   * Where Jackson says an unclosed array or object began, it names a source it has been told not to
   * show and an offset it does not know; the location of the error itself is what helps.
   */
  private static final Pattern START_MARKER = Pattern.compile(" ?\\(start marker at \\[Source: [^\\]]*\\]\\)");

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private JsonBatch() {
  }

  static List<JsonNode> rows(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw ApiException.badRequest("malformed-json", "Malformed JSON", "The body is not valid JSON: "
          + START_MARKER.matcher(e.getOriginalMessage()).replaceAll("") + location(e));
    }
    JsonNode rows = root != null && root.isObject() && root.size() == 1 && root.has("rows") ? root.get("rows") : root;
    if (rows == null || !rows.isArray()) {
      throw ApiException.badRequest("not-a-batch", "Not a batch of rows",
          "The body must be a JSON array of row objects, or an object {\"rows\": [...]}");
    }
    if (rows.isEmpty() || rows.size() > MAX_ROWS) {
      throw ApiException.badRequest("batch-size", "Batch size out of range",
          "A batch holds 1 to " + MAX_ROWS + " rows; this one has " + rows.size());
    }
    List<RowProblem> problems = new ArrayList<>();
    List<JsonNode> objects = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      if (!row.isObject()) {
        problems.add(new RowProblem(i, "a row is a JSON object of its fields, not " + row.getNodeType()
            .name().toLowerCase()));
      }
      objects.add(row);
    }
    if (!problems.isEmpty()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "rows-not-objects", "Rows that are not objects",
          problems.size() + " of the " + rows.size() + " rows are not JSON objects; nothing was published", problems);
    }
    refuseLoneSurrogates(objects);
    if (body.length > MAX_ROW_BYTES) {
      refuseLargeRows(objects);
    }
    return objects;
  }

  /** Jackson refuses half a surrogate pair in a name (malformed JSON), but takes one in a string value. */
  private static void refuseLoneSurrogates(List<JsonNode> rows) {
    List<RowProblem> problems = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      for (Map.Entry<String, JsonNode> field : rows.get(i).properties()) {
        if (holdsLoneSurrogate(field.getValue())) {
          problems.add(new RowProblem(i, "field '" + field.getKey() + "' holds half of a UTF-16 surrogate pair"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "lone-surrogate", "Text that is no character",
          (problems.size() == 1 ? "A field holds" : problems.size() + " fields hold") + " a \\ud800 to \\udfff "
              + "escape without the other half of its pair, which is no character and cannot be stored; nothing was "
              + "published", problems);
    }
  }

  private static boolean holdsLoneSurrogate(JsonNode value) {
    if (value.isString()) {
      return LoneSurrogates.in(value.stringValue());
    }
    for (JsonNode element : value.values()) {
      if (holdsLoneSurrogate(element)) {
        return true;
      }
    }
    return false;
  }

  private static void refuseLargeRows(List<JsonNode> rows) {
    List<RowProblem> problems = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      int bytes = JSON.writeValueAsBytes(rows.get(i)).length;
      if (bytes > MAX_ROW_BYTES) {
        problems.add(new RowProblem(i, "the row is " + bytes + " bytes of JSON, more than " + MAX_ROW_BYTES));
      }
    }
    if (!problems.isEmpty()) {
      throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "row-too-large", "Rows too large",
          problems.size() + " of the " + rows.size() + " rows are over " + MAX_ROW_BYTES + " bytes, more than a "
              + "Kafka record takes; nothing was published", problems);
    }
  }

  private static String location(JacksonException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
        + e.getLocation().getColumnNr() + ")";
  }
}
