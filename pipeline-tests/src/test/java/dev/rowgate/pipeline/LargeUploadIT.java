package dev.rowgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.rowgate.stack.Service;
import dev.rowgate.stack.test.DatabaseNeutral;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A CSV file twice the ingest API's whole heap goes through, as a body or as a multipart upload:
 * the file is streamed, never held.
 * No validator runs, so the machine's time goes to the upload.
 */
@DatabaseNeutral
class LargeUploadIT {

  static final int ROWS = 650_000;
  static final String HEAP = "64m";
  static Pipeline pipeline;

  @BeforeAll
  static void start() {
    pipeline = Pipeline.start(Map.of(Service.VALIDATOR, 0, Service.BACKUP, 0), Map.of(Service.INGEST_API, HEAP));
  }

  @AfterAll
  static void stop() {
    pipeline.close();
  }

  @Test
  void aCsvBodyLargerThanTheHeapIsStreamedToKafka() throws IOException, InterruptedException {
    GeneratedCsv csv = new GeneratedCsv(ROWS);

    upload("text/csv", csv);

    assertThat(csv.bytes).as("bytes sent").isGreaterThan(2L * 64 * 1024 * 1024);
  }

  @Test
  void aMultipartFileLargerThanTheHeapIsStreamedToKafka() throws IOException, InterruptedException {
    GeneratedCsv csv = new GeneratedCsv(ROWS);
    InputStream form = new SequenceInputStream(Collections.enumeration(List.of(
        bytes("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hires.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n"), csv, bytes("\r\n--b0undary--\r\n"))));

    upload("multipart/form-data; boundary=b0undary", form);

    assertThat(csv.bytes).as("bytes sent").isGreaterThan(2L * 64 * 1024 * 1024);
  }

  private static void upload(String contentType, InputStream body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(pipeline.stack.url(Service.INGEST_API, 1)
            + "/api/v1/tables/hired_employees/csv"))
        .header("Content-Type", contentType).timeout(Duration.ofMinutes(5))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
            ("admin:" + pipeline.stack.adminPassword()).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();

    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonNode accepted = JsonMapper.shared().readTree(response.body());
    assertThat(accepted.get("rows").longValue()).isEqualTo(ROWS);
    JsonNode status = pipeline.api.get("/api/v1/batches/" + accepted.get("batchId").stringValue()).json();
    assertThat(status.get("received").longValue()).isEqualTo(ROWS);
    assertThat(pipeline.stack.process(Service.INGEST_API, 1).isAlive()).isTrue();
  }

  private static InputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Rows of hires made up as they are read, with long names (within the 255 characters a name may
   * have), so that the file outgrows the heap with fewer records for the upload to publish.
   */
  static final class GeneratedCsv extends InputStream {
    private static final String FILLER = " of a file larger than the ingest API's heap".repeat(4);
    private final int rows;
    private int next = 1;
    private byte[] line = new byte[0];
    private int position;
    long bytes;

    GeneratedCsv(int rows) {
      this.rows = rows;
    }

    @Override
    public int read() {
      if (position == line.length) {
        if (next > rows) {
          return -1;
        }
        line = (next + ",Hire number " + next + FILLER + ",2021-06-01T12:00:00Z,1,1\n")
            .getBytes(StandardCharsets.UTF_8);
        next++;
        position = 0;
      }
      bytes++;
      return line[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      int n = 0;
      while (n < length) {
        int b = read();
        if (b < 0) {
          return n == 0 ? -1 : n;
        }
        buffer[offset + n++] = (byte) b;
      }
      return n;
    }
  }
}
