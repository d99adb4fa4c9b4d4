package dev.rowgate.ingest.rows;

import java.io.InputStream;
import java.util.List;

import dev.rowgate.avro.Channel;
import dev.rowgate.ingest.IngestProperties;
import dev.rowgate.ingest.idempotency.IdempotentIngest;
import dev.rowgate.ingest.publish.AcceptedBatch;
import dev.rowgate.ingest.publish.BatchIngest;
import dev.rowgate.schema.RawFields;
import dev.rowgate.schema.Table;
import dev.rowgate.service.definitions.AppliedDefinitions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** JSON batches of 1 to 1000 rows. */
@RestController
@SecurityRequirement(name = "basic")
class RowsController {

  private final BatchIngest ingest;
  private final IdempotentIngest idempotent;
  private final IngestProperties properties;
  private final AppliedDefinitions definitions;

  RowsController(BatchIngest ingest, IdempotentIngest idempotent, IngestProperties properties,
                 AppliedDefinitions definitions) {
    this.ingest = ingest;
    this.idempotent = idempotent;
    this.properties = properties;
    this.definitions = definitions;
  }

  @Operation(summary = "Send a batch of 1 to 1000 rows",
      description = "Answers 202 once Kafka acknowledged every row. Rows are checked later: a row with a "
          + "missing, empty, mistyped or unknown field is rejected with its reasons, see the batch status.",
      requestBody = @RequestBody(content = @Content(mediaType = "application/json",
          schema = @Schema(example = "[{\"id\": 1, \"department\": \"Sales\"}, {\"id\": 2, \"department\": \"Legal\"}]"))))
  @ApiResponse(responseCode = "202", description = "Every row is in Kafka; Location is the batch status")
  @ApiResponse(responseCode = "400",
      description = "Not JSON, not 1 to 1000 row objects, or text with half of a surrogate pair")
  @ApiResponse(responseCode = "404", description = "Unknown table")
  @ApiResponse(responseCode = "409", description = "A request with this Idempotency-Key is still running")
  @ApiResponse(responseCode = "413", description = "Body over the size limit, or a row over 1,000,000 bytes")
  @ApiResponse(responseCode = "422", description = "Idempotency-Key used before for a different batch")
  @ApiResponse(responseCode = "503", description = "Kafka did not take every row, or the database could not record "
      + "the batch (the rows published go on)")
  @PostMapping(path = "/api/v1/tables/{table}/rows", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<AcceptedBatch> rows(
      @Parameter(description = "A table of the applied definitions", example = "departments") @PathVariable String table,
      @Parameter(description = "Makes a retry safe: the same key and body get the first answer")
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      HttpServletRequest request, InputStream body) {
    Table target = definitions.table(table);
    byte[] content = BoundedBody.read(body, request.getContentLengthLong(), properties.maxJsonBody());
    List<JsonNode> rows = JsonBatch.rows(content);
    return idempotent.run(idempotencyKey, "rows\n" + target.name(), content,
        () -> ingest.ingest(target, Channel.API_JSON, null, sink -> {
          for (int i = 0; i < rows.size(); i++) {
            sink.row(i, null, RawFields.fromJson(rows.get(i)));
          }
        }));
  }
}
