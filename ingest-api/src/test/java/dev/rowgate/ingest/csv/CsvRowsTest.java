package dev.rowgate.ingest.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.rowgate.service.problem.ApiException;
import dev.rowgate.service.test.TestDefinitions;
import org.junit.jupiter.api.Test;

class CsvRowsTest {

  @Test
  void quotedValuesMayHoldQuotesSeparatorsAndLineEndsAndMayBeFollowedByText() {
    assertThat(rows("1,\"Sales\"")).containsExactly("1:1|Sales");
    assertThat(rows("1,\"Sa\"\"les, Inc.\"\r\n2,\"Le\ngal\"\n3,Sa\"les\n4,\"Legal\"x\n"))
        .containsExactly("1:1|Sa\"les, Inc.", "2:2|Le\ngal", "4:3|Sa\"les", "5:4|Legalx");
  }

  /** Read to the end of the file, the quote would make one value of every line after it. */
  @Test
  void aQuoteStillOpenAtTheEndOfTheFileStopsItBeforeThatRecordAndTheRowsBeforeItGoOn() {
    List<String> published = new ArrayList<>();
    try (CsvRows csv = open("1,Sales\n2,\"Legal\n3,HR\n")) {
      assertThatThrownBy(() -> csv.publish((index, line, fields) -> published.add(line + ":" + fields.get(1)
          .getValue()))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cannot read the CSV file").hasMessageContaining("line 2")
          .hasMessageContaining("Unclosed quoted field");
    }
    assertThat(published).containsExactly("1:Sales");
  }

  @Test
  void aQuoteStillOpenAtTheEndOfTheFirstRowRefusesTheFileBeforeABatchExists() {
    assertThatThrownBy(() -> open("id,department\n1,\"Sales\n2,Legal\n"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
            .contains("line 2", "Unclosed quoted field", "nothing was published"));
  }

  @Test
  void bytesNotValidInTheFilesCharsetAreNamedSoWithHowToNameAnother() {
    byte[] latin1 = "1,Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> CsvRows.open(new ByteArrayInputStream(latin1), StandardCharsets.UTF_8,
        TestDefinitions.table("departments"), HeaderMode.AUTO))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
            .contains("bytes that are not valid UTF-8", "charset=ISO-8859-1", "nothing was published"));
  }

  /** How a servlet container reports a request body whose client went away. */
  @Test
  void aBodyThatEndsBeforeItsEndStopsTheFileSayingTheClientWentAwayAndTheRowsBeforeGoOn() {
    InputStream cutOff = new SequenceInputStream(new ByteArrayInputStream("1,Sales\n2,Legal\n"
        .getBytes(StandardCharsets.UTF_8)), new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException(new EOFException());
          }
        });
    List<String> published = new ArrayList<>();
    try (CsvRows csv = CsvRows.open(cutOff, StandardCharsets.UTF_8, TestDefinitions.table("departments"), HeaderMode.AUTO)) {
      assertThatThrownBy(() -> csv.publish((index, line, fields) -> published.add(String.valueOf(fields.get(1).getValue()))))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessage("cannot read the CSV file: the request ended before its body did (the client closed the connection)");
    }
    assertThat(published).containsExactly("Sales", "Legal");
  }

  private static List<String> rows(String text) {
    List<String> rows = new ArrayList<>();
    try (CsvRows csv = open(text)) {
      csv.publish((index, line, fields) -> rows.add(line + ":" + fields.get(0).getValue() + "|"
          + fields.get(1).getValue()));
    }
    return rows;
  }

  private static CsvRows open(String text) {
    return CsvRows.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8,
        TestDefinitions.table("departments"), HeaderMode.AUTO);
  }
}
