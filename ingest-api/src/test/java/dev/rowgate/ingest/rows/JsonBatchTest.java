package dev.rowgate.ingest.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;

import dev.rowgate.service.problem.ApiException;
import dev.rowgate.service.problem.RowProblem;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class JsonBatchTest {

  @Test
  void aRowOfMoreJsonThanAKafkaRecordTakesRefusesTheBatch() {
    String large = "{\"id\": 2, \"department\": \"" + "x".repeat(JsonBatch.MAX_ROW_BYTES) + "\"}";
    byte[] body = ("[{\"id\": 1, \"department\": \"Sales\"}, " + large + "]").getBytes(StandardCharsets.UTF_8);

    ApiException refused = catchThrowableOfType(ApiException.class, () -> JsonBatch.rows(body));

    assertThat(refused.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
    assertThat(refused.type()).isEqualTo("row-too-large");
    assertThat(refused.rows()).extracting(RowProblem::index).containsExactly(1);
  }

  @Test
  void textWithHalfOfASurrogatePairRefusesTheBatchWhereverItIs() {
    byte[] body = ("[{\"id\": 1, \"department\": \"Sales \\ud83d\\ude00\"}, {\"id\": 2, \"department\": \"a\\ud800\"},"
        + " {\"id\": 3, \"extra\": {\"deep\": [\"\\udc00\"]}}]")
        .getBytes(StandardCharsets.UTF_8);

    ApiException refused = catchThrowableOfType(ApiException.class, () -> JsonBatch.rows(body));

    assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.type()).isEqualTo("lone-surrogate");
    assertThat(refused.getMessage()).startsWith("2 fields hold a \\ud800 to \\udfff escape without the other half");
    assertThat(refused.rows()).extracting(RowProblem::index, RowProblem::message).containsExactly(
        tuple(1, "field 'department' holds half of a UTF-16 surrogate pair"),
        tuple(2, "field 'extra' holds half of a UTF-16 surrogate pair"));
    assertThat(catchThrowableOfType(ApiException.class,
        () -> JsonBatch.rows("[{\"id\": 4, \"\\ud800\": 1}]".getBytes(StandardCharsets.UTF_8))).type())
        .isEqualTo("malformed-json");
  }

  @Test
  void aRowJustWithinTheLimitIsKept() {
    String padding = "x".repeat(JsonBatch.MAX_ROW_BYTES - "{\"id\":2,\"department\":\"\"}".length());
    byte[] body = ("[{\"id\": 1}, {\"id\":2,\"department\":\"" + padding + "\"}]").getBytes(StandardCharsets.UTF_8);

    assertThat(JsonBatch.rows(body)).hasSize(2);
  }

  @Test
  void anUnclosedArraySaysWhereTheBodyEndedWithoutJacksonsPlaceholders() {
    byte[] body = "[{\"id\": 1},\n {\"id\": 2}".getBytes(StandardCharsets.UTF_8);

    ApiException refused = catchThrowableOfType(ApiException.class, () -> JsonBatch.rows(body));

    assertThat(refused.type()).isEqualTo("malformed-json");
    assertThat(refused.getMessage()).isEqualTo("The body is not valid JSON: Unexpected end-of-input: expected close "
        + "marker for Array (line 2, column 11)");
  }
}
