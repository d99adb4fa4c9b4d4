package dev.rowgate.ingest.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import dev.rowgate.avro.Channel;
import dev.rowgate.ingest.idempotency.IdempotentIngest;
import dev.rowgate.ingest.publish.AcceptedBatch;
import dev.rowgate.ingest.publish.BatchIngest;
import dev.rowgate.schema.OriginLimits;
import dev.rowgate.schema.Table;
import dev.rowgate.service.definitions.AppliedDefinitions;
import dev.rowgate.service.problem.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** CSV files of any size, as the request body or as a multipart file, streamed to Kafka. */
@RestController
@SecurityRequirement(name = "basic")
class CsvController {

  private static final String FILE_FIELD = "file";
  private static final String HEADER_DOC = "auto: the first record is a header when each of its values is a "
      + "column name; true or false to say so";

  private final BatchIngest ingest;
  private final IdempotentIngest idempotent;
  private final AppliedDefinitions definitions;

  CsvController(BatchIngest ingest, IdempotentIngest idempotent, AppliedDefinitions definitions) {
    this.ingest = ingest;
    this.idempotent = idempotent;
    this.definitions = definitions;
  }

  @Operation(summary = "Send a CSV file, as the request body or as a multipart upload (form field \"file\")",
      description = "Streams the file to Kafka while it arrives and answers 202 once Kafka acknowledged every row. "
          + "Each row keeps its line number; a row with the wrong number of values, or breaking a rule, is rejected "
          + "with its reasons.",
      requestBody = @RequestBody(content = {
          @Content(mediaType = "text/csv", schema = @Schema(type = "string", example = "1,Product Management\n2,Sales\n")),
          @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schemaProperties = @SchemaProperty(name = FILE_FIELD,
              schema = @Schema(type = "string", format = "binary")))}))
  @ApiResponse(responseCode = "202", description = "Every row is in Kafka; Location is the batch status")
  @ApiResponse(responseCode = "400", description = "No file part in a multipart upload, a file without rows, a file "
      + "name over 1000 characters, or a file that could not be read to its end (the rows before go on)")
  @ApiResponse(responseCode = "503", description = "Kafka did not take every row, or the database could not record "
      + "the batch (the rows published go on)")
  @ApiResponse(responseCode = "404", description = "Unknown table")
  @PostMapping(path = "/api/v1/tables/{table}/csv", consumes = "text/csv")
  ResponseEntity<AcceptedBatch> csvBody(
      @Parameter(example = "departments") @PathVariable String table,
      @Parameter(description = HEADER_DOC) @RequestParam(defaultValue = "auto") String header,
      @Parameter(description = "The file's name, kept with each rejected row (a multipart upload gives its own)") @RequestParam(required = false) String fileName,
      @RequestHeader(name = "Content-Type") MediaType contentType,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      InputStream body) {
    return csv(definitions.table(table), header, fileName, charset(contentType), idempotencyKey, body);
  }

  /**
   * The multipart form of {@link #csvBody}, which documents both: the file part is read as it
   * arrives. The console's uploads come here too, signed in.
   */
  @Operation(hidden = true)
  @PostMapping(path = {"/api/v1/tables/{table}/csv", "/console/tables/{table}/csv"},
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<AcceptedBatch> csvFile(
      @Parameter(example = "departments") @PathVariable String table,
      @Parameter(description = HEADER_DOC) @RequestParam(defaultValue = "auto") String header,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      HttpServletRequest request) {
    Table target = definitions.table(table);
    UploadedFile file;
    try {
      file = UploadedFile.find(request, FILE_FIELD).orElseThrow(() -> ApiException.badRequest("missing-file",
          "No file", "A multipart upload sends the CSV file in the form field \"" + FILE_FIELD + "\""));
    } catch (IOException e) {
      throw ApiException.badRequest("malformed-multipart", "Malformed multipart upload", e.getMessage());
    }
    try (InputStream content = file.content()) {
      return csv(target, header, file.name(), charset(file.type()), idempotencyKey, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the uploaded file", e);
    }
  }

  private ResponseEntity<AcceptedBatch> csv(Table target, String header, String fileName, Charset charset,
                                            String idempotencyKey, InputStream content) {
    HeaderMode mode = headerMode(header);
    if (fileName != null && fileName.length() > OriginLimits.MAX_FILE_NAME) {
      throw ApiException.badRequest("bad-file-name", "File name too long",
          "A file name has at most " + OriginLimits.MAX_FILE_NAME + " characters; this one has " + fileName.length());
    }
    return idempotent.runStreaming(idempotencyKey, "csv\n" + target.name() + "\n" + mode + "\n" + charset, content,
        stream -> {
          try (CsvRows rows = CsvRows.open(stream, charset, target, mode)) {
            return ingest.ingest(target, Channel.API_CSV, fileName, rows::publish);
          }
        });
  }

  private static HeaderMode headerMode(String header) {
    try {
      return HeaderMode.valueOf(header.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("bad-header-option", "Bad header option",
          "header is auto, true or false, not '" + header + "'");
    }
  }

  private static Charset charset(MediaType type) {
    try {
      return type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("bad-charset", "Unknown charset", "The charset of " + type + " is unknown");
    }
  }
}
