package dev.rowgate.ingest;

import static dev.rowgate.stack.test.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.rowgate.avro.RawField;
import dev.rowgate.avro.RawRow;
import dev.rowgate.service.test.TestDefinitions;
import dev.rowgate.stack.test.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** CSV files through the ingest API: their lines, their faults, and uploads cut short. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CsvUploadIT extends ApiOnOwnInfrastructure {

  @Test
  void aCsvFileKeepsEachRowsLineThroughQuotesCrlfABomAndNoFinalNewline() {
    String csv = "\uFEFFid,name,datetime,department_id,job_id\r\n"
        + "1,\"O'Boyle, Ann\",2021-11-07T02:48:42Z,2,96\r\n"
        + "2,\"Multi\r\nLine\",2021-05-30T05:43:46Z,8\r\n"
        + "3,Ty Hofer,2021-05-30T05:43:46Z,8,";
    Http.Answer answer = http.post("/api/v1/tables/hired_employees/csv?fileName=hires.csv", "text/csv", csv);

    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    String batchId = answer.json().get("batchId").stringValue();
    List<RawRow> rows = rawRows(TestDefinitions.table("hired_employees"), batchId, 3);
    assertThat(rows).extracting(r -> r.getOrigin().getLine()).containsExactly(2L, 3L, 5L);
    assertThat(rows.get(0).getFields()).extracting(RawField::getValue)
        .containsExactly("1", "O'Boyle, Ann", "2021-11-07T02:48:42Z", "2", "96");
    assertThat(rows.get(1).getFields()).extracting(RawField::getName)
        .containsExactly("id", "name", "datetime", "department_id");
    assertThat(rows.get(1).getFields().get(1).getValue()).isEqualTo("Multi\r\nLine");
    assertThat(rows.get(2).getFields().get(4)).isEqualTo(new RawField("job_id", ""));
    assertThat(rows).allMatch(r -> "hires.csv".equals(r.getOrigin().getFileName()));
  }

  @Test
  void bytesThatAreNotUtf8StopTheFileThereAndTheRowsReadBeforeGoOn() {
    String rows = IntStream.rangeClosed(1, 20_000).mapToObj(i -> i + ",Department " + i + "\n")
        .collect(Collectors.joining());
    byte[] csv = rows.replace("Department 15000", "Caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);

    Http.Answer answer = http.post("/api/v1/tables/departments/csv", "text/csv", csv);

    assertProblem(answer, 400, "unreadable-input");
    String batchId = answer.json().get("batchId").stringValue();
    long published = answer.json().get("published").longValue();
    assertThat(published).isBetween(14_000L, 14_999L);
    JsonNode status = http.get("/api/v1/batches/" + batchId).json();
    assertThat(status.get("state").stringValue()).isEqualTo("failed");
    assertThat(status.get("received").longValue()).isEqualTo(published);
    assertThat(http.post("/api/v1/tables/departments/csv", "text/csv; charset=ISO-8859-1", csv).json()
        .get("rows").longValue()).isEqualTo(20_000);
  }

  @Test
  void aRecordBeyondTheParsersLimitsStopsTheFileAsTheClientsFaultNotAsAnOutage() {
    String tooWide = "x,".repeat(20_000) + "x\n";

    Http.Answer later = http.post("/api/v1/tables/departments/csv", "text/csv", "1,Sales\n2,Legal\n" + tooWide);
    assertProblem(later, 400, "unreadable-input");
    assertThat(later.json().get("detail").stringValue()).contains("line 3", "16384 fields");
    assertThat(later.json().get("published").longValue()).isEqualTo(2);

    long batchesBefore = batches();
    Http.Answer first = http.post("/api/v1/tables/departments/csv", "text/csv", tooWide + "1,Sales\n");
    assertProblem(first, 400, "unreadable-input");
    assertThat(first.json().get("detail").stringValue()).contains("line 1");
    assertThat(batches()).isEqualTo(batchesBefore);

    Http.Answer tooLarge = http.post("/api/v1/tables/departments/csv", "text/csv",
        "1,Sales\n2,\"" + "y".repeat(1_100_000) + "\"\n3,Legal\n");
    assertProblem(tooLarge, 400, "unreadable-input");
    assertThat(tooLarge.json().get("detail").stringValue()).contains("the row at line 2 is", "as a Kafka record");
    assertThat(tooLarge.json().get("published").longValue()).isEqualTo(1);

    assertProblem(http.post("/api/v1/tables/departments/csv?fileName=" + "f".repeat(1001), "text/csv", "1,Sales\n"),
        400, "bad-file-name");
  }

  @Test
  void aQuoteStillOpenAtTheEndOfTheFileStopsItBeforeThatRecord() {
    Http.Answer answer = http.post("/api/v1/tables/departments/csv", "text/csv", "71,Sales\n72,\"Legal\n73,HR\n");

    assertProblem(answer, 400, "unreadable-input");
    assertThat(answer.json().get("detail").stringValue()).contains("line 2", "Unclosed quoted field");
    assertThat(answer.json().get("published").longValue()).isEqualTo(1);
    String batchId = answer.json().get("batchId").stringValue();
    assertThat(rawRows(TestDefinitions.table("departments"), batchId, 1)).extracting(r -> r.getFields().get(1).getValue())
        .containsExactly("Sales");
    assertThat(http.get("/api/v1/batches/" + batchId).json().get("state").stringValue()).isEqualTo("failed");
  }

  @Test
  void aCsvFileWithoutRowsUnreadableFromItsStartOrWithAMisspeltOptionIsRefusedBeforeABatchExists() {
    long batchesBefore = batches();

    assertProblem(http.post("/api/v1/tables/departments/csv", "text/csv", ""), 400, "empty-file");
    assertProblem(http.post("/api/v1/tables/departments/csv", "text/csv", "\uFEFF\r\n\n"), 400, "empty-file");
    Http.Answer headerOnly = http.post("/api/v1/tables/departments/csv", "text/csv", "id,department\n",
        "Idempotency-Key", "csv-header-only");
    assertProblem(headerOnly, 400, "empty-file");
    assertThat(headerOnly.json().get("detail").stringValue()).contains("a header and no rows");
    byte[] latin1 = "1,Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    Http.Answer unreadable = http.post("/api/v1/tables/departments/csv", "text/csv", latin1);
    assertProblem(unreadable, 400, "unreadable-input");
    assertThat(unreadable.json().has("batchId")).isFalse();
    assertProblem(http.post("/api/v1/tables/departments/csv?hedaer=false", "text/csv", "1,Sales\n"), 400,
        "unknown-parameter");
    byte[] multipart = ("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"d.csv\"\r\n\r\n1,Sales\n"
        + "\r\n--XyZ--\r\n").getBytes(StandardCharsets.UTF_8);
    Http.Answer namedTwice = http.post("/api/v1/tables/departments/csv?fileName=other.csv",
        "multipart/form-data; boundary=XyZ", multipart);
    assertProblem(namedTwice, 400, "unknown-parameter");
    assertThat(namedTwice.json().get("detail").stringValue()).endsWith("it takes header");
    assertThat(batches()).isEqualTo(batchesBefore);

    Http.Answer withRows = http.post("/api/v1/tables/departments/csv", "text/csv", "id,department\n61,Legal\n",
        "Idempotency-Key", "csv-header-only");
    assertThat(withRows.status()).as(withRows.body()).isEqualTo(202);
    assertThat(rawRows(TestDefinitions.table("departments"), withRows.json().get("batchId").stringValue(), 1).get(0)
        .getOrigin().getLine()).isEqualTo(2L);
  }

  @Test
  void aCsvFileWithoutHeaderCanComeAsAMultipartUpload() {
    byte[] boundaryBody = ("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"departments.csv\"\r\n"
        + "Content-Type: text/csv\r\n\r\n1,Product Management\n2,Sales\n\r\n--XyZ--\r\n").getBytes(StandardCharsets.UTF_8);
    Http.Answer answer = http.post("/api/v1/tables/departments/csv", "multipart/form-data; boundary=XyZ", boundaryBody);

    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    List<RawRow> rows = rawRows(TestDefinitions.table("departments"), answer.json().get("batchId").stringValue(), 2);
    assertThat(rows).extracting(r -> r.getFields().get(1).getValue()).containsExactly("Product Management", "Sales");
    assertThat(rows).extracting(r -> r.getOrigin().getFileName()).containsOnly("departments.csv");
  }

  @Test
  void aMultipartUploadIsPublishedWhileItArrivesAndOneWithoutAFileIsRefused() {
    String fileName = UUID.randomUUID() + ".csv";
    Http.Upload upload = http.upload("/api/v1/tables/departments/csv", "multipart/form-data; boundary=XyZ");
    upload.send("--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nfirst a field\r\n"
        + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: text/csv\r\n\r\n1,Early\n2,Middle\n");
    String batchId = UploadUnderway.batchOf(jdbc, fileName);
    upload.send("3,Late\n\r\n--XyZ--\r\n");

    Http.Answer answer = upload.finish();
    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    assertThat(answer.json().get("batchId").stringValue()).isEqualTo(batchId);
    assertThat(rawRows(TestDefinitions.table("departments"), batchId, 3)).extracting(r -> r.getFields().get(1).getValue())
        .containsExactly("Early", "Middle", "Late");
    byte[] noFile = "--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nno file\r\n--XyZ--\r\n"
        .getBytes(StandardCharsets.UTF_8);
    assertProblem(http.post("/api/v1/tables/departments/csv", "multipart/form-data; boundary=XyZ", noFile), 400,
        "missing-file");
    assertProblem(http.post("/api/v1/tables/departments/csv", "multipart/form-data; boundary=XyZ", "1,Sales\n"), 400,
        "missing-file");
    assertProblem(http.post("/api/v1/tables/departments/csv", "multipart/form-data; boundary=XyZ",
        "--XyZ\r\nContent-Disposition: form-da"), 400, "malformed-multipart");
  }

  @Test
  void anUploadWhoseClientWentAwayFailsSayingSoAndTheRowsReadBeforeGoOn() {
    String bodyFile = UUID.randomUUID() + ".csv";
    String body = UploadUnderway.hangUpAfter(port, jdbc, "/api/v1/tables/departments/csv?fileName=" + bodyFile,
        "text/csv", bodyFile, "1,Early\n2,Middle\n");
    String partFile = UUID.randomUUID() + ".csv";
    String part = UploadUnderway.hangUpAfter(port, jdbc, "/api/v1/tables/departments/csv",
        "multipart/form-data; boundary=XyZ", partFile, "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
            + "filename=\"" + partFile + "\"\r\n\r\n1,Early\n2,Middle\n");

    // A multipart reader keeps back the last bytes it read until it knows they are not the boundary.
    Map<String, List<String>> readBefore = Map.of(body, List.of("Early", "Middle"), part, List.of("Early"));
    readBefore.forEach((batchId, rows) -> {
      JsonNode status = await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/batches/" + batchId)
          .json(), s -> s.get("state").stringValue().equals("failed"));
      assertThat(status.get("failure").stringValue())
          .isEqualTo("cannot read the CSV file: the request ended before its body did (the client closed the connection)");
      assertThat(status.get("received").longValue()).isEqualTo(rows.size());
      assertThat(rawRows(TestDefinitions.table("departments"), batchId, rows.size())).extracting(r -> r.getFields().get(1)
          .getValue()).containsExactlyElementsOf(rows);
    });
  }
}
