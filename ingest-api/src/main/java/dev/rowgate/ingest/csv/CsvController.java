package dev.rowgate.ingest.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import dev.rowgate.avro.Channel;
import dev.rowgate.ingest.idempotency.IdempotentIngest;
import dev.rowgate.service.problem.ApiException;
import dev.rowgate.ingest.publish.AcceptedBatch;
import dev.rowgate.ingest.publish.BatchIngest;
import dev.rowgate.schema.Table;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** CSV files of any size, as the request body or as a multipart file, streamed to Kafka. */
@RestController
class CsvController {

  private static final String HEADER_DOC = "auto: the first record is a header when each of its values is a "
      + "column name; true or false to say so";

  private final BatchIngest ingest;
  private final IdempotentIngest idempotent;

  CsvController(BatchIngest ingest, IdempotentIngest idempotent) {
    this.ingest = ingest;
    this.idempotent = idempotent;
  }

  @Operation(summary = "Send a CSV file as the request body",
      description = "Streams the file to Kafka and answers 202 once Kafka acknowledged every row. Each row keeps "
          + "its line number; a row with the wrong number of values, or breaking a rule, is rejected with its reasons.",
      requestBody = @RequestBody(content = @Content(mediaType = "text/csv",
          schema = @Schema(type = "string", example = "1,Product Management\n2,Sales\n"))))
  @ApiResponse(responseCode = "202", description = "Every row is in Kafka; Location is the batch status")
  @ApiResponse(responseCode = "400", description = "The file could not be read to its end (the rows before go on)")
  @ApiResponse(responseCode = "404", description = "Unknown table")
  @PostMapping(path = "/api/v1/tables/{table}/csv", consumes = "text/csv")
  ResponseEntity<AcceptedBatch> csvBody(
      @Parameter(example = "departments") @PathVariable String table,
      @Parameter(description = HEADER_DOC) @RequestParam(defaultValue = "auto") String header,
      @Parameter(description = "The file's name, kept with each rejected row") @RequestParam(required = false) String fileName,
      @RequestHeader(name = "Content-Type") MediaType contentType,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      InputStream body) {
    return csv(table, header, fileName, charset(contentType), idempotencyKey, body);
  }

  @Operation(summary = "Send a CSV file as a multipart upload (form field \"file\")")
  @ApiResponse(responseCode = "202", description = "Every row is in Kafka; Location is the batch status")
  @PostMapping(path = "/api/v1/tables/{table}/csv", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<AcceptedBatch> csvFile(
      @Parameter(example = "departments") @PathVariable String table,
      @Parameter(description = HEADER_DOC) @RequestParam(defaultValue = "auto") String header,
      @RequestPart("file") MultipartFile file,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    MediaType type = file.getContentType() == null ? MediaType.TEXT_PLAIN : MediaType.parseMediaType(file.getContentType());
    try (InputStream content = file.getInputStream()) {
      return csv(table, header, file.getOriginalFilename(), charset(type), idempotencyKey, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the uploaded file", e);
    }
  }

  private ResponseEntity<AcceptedBatch> csv(String table, String header, String fileName, Charset charset,
                                            String idempotencyKey, InputStream content) {
    Table target = ApiException.dictionaryTable(table);
    HeaderMode mode = headerMode(header);
    return idempotent.runStreaming(idempotencyKey, "csv\n" + target.name() + "\n" + mode + "\n" + charset, content,
        stream -> ingest.ingest(target, Channel.API_CSV, fileName,
            sink -> CsvRows.read(stream, charset, target, mode, sink)));
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
