package dev.rowgate.ingest.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.rowgate.avro.RawField;
import dev.rowgate.schema.Table;
import dev.rowgate.service.problem.ApiException;
import dev.rowgate.service.test.Fuzz;
import dev.rowgate.service.test.TestDefinitions;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * CSV files no one chose, read as an upload is: each is refused before a batch exists with a 4xx
 * problem, or hands every row to the batch in order (and stops with an input error, a 400, where
 * the file stops being readable); never another exception or a hang. Files written from generated
 * rows, quoted as RFC 4180 says, give back exactly those rows. Seeded; a failure names the input.
 */
class CsvRowsFuzzTest {

  static final Table DEPARTMENTS = TestDefinitions.table("departments");
  static final long SEED = 20261207L;
  /** Characters (code points: the emoji is two chars) that CSV treats specially, and some it does not. */
  static final int[] ALPHABET = "a1 ,\"\r\n;\t\u00e9\u4e2d\ud83d\ude00\ufeff".codePoints().toArray();

  @Test
  void everyFileIsRefusedWithA4xxOrReadRowByRowUntilItCannotBe() {
    SplittableRandom random = new SplittableRandom(SEED);
    int refused = 0;
    int stopped = 0;
    int read = 0;
    int inputs = 5_000;
    for (int i = 0; i < inputs; i++) {
      byte[] file = i % 2 == 0 ? Fuzz.noise(random, 200, "1,a\"\r\n")
          : Fuzz.mutated(random, csv(random, rows(random)));
      int input = i;
      String outcome = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), () -> read(file),
          () -> "input " + input + " of seed " + SEED + " hung");
      switch (outcome) {
        case "refused" -> refused++;
        case "stopped" -> stopped++;
        default -> read++;
      }
    }
    System.out.printf("%d CSV files: %d refused (4xx), %d read until an input error, %d read whole%n", inputs,
        refused, stopped, read);
    assertThat(refused + stopped + read).isEqualTo(inputs);
    assertThat(read).isPositive();
  }

  @Test
  void generatedRowsComeBackExactly() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    int inputs = 2_000;
    for (int i = 0; i < inputs; i++) {
      List<List<String>> rows = rows(random);
      List<List<String>> back = new ArrayList<>();
      try (CsvRows csv = CsvRows.open(new ByteArrayInputStream(csv(random, rows)), StandardCharsets.UTF_8, DEPARTMENTS,
          HeaderMode.AUTO)) {
        csv.publish((index, line, fields) -> {
          assertThat(index).isEqualTo(back.size());
          back.add(fields.stream().map(f -> String.valueOf(f.getValue())).toList());
        });
      }
      assertThat(escaped(back)).as("input %d of seed %d", i, SEED + 1).isEqualTo(escaped(rows));
    }
    System.out.printf("%d generated CSV files read back exactly%n", inputs);
  }

  /** The rows with their line ends and tabs shown, so that a failure's report shows where they differ. */
  private static String escaped(List<List<String>> rows) {
    return rows.toString().replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
  }

  /** "refused" (a 4xx before any row), "stopped" (rows, then an input error), or "read" (every row). */
  private static String read(byte[] file) {
    CsvRows csv;
    try {
      csv = CsvRows.open(new ByteArrayInputStream(file), StandardCharsets.UTF_8, DEPARTMENTS, HeaderMode.AUTO);
    } catch (ApiException e) {
      assertThat(e.status().is4xxClientError()).as(e.getMessage()).isTrue();
      return "refused";
    }
    List<Integer> indexes = new ArrayList<>();
    try (csv) {
      csv.publish((index, line, fields) -> {
        assertThat(fields).extracting(RawField::getName).doesNotContainNull();
        indexes.add(index);
      });
      return "read";
    } catch (UncheckedIOException | IllegalArgumentException e) {
      // What the batch reports as input that could not be read to its end: a 400.
      assertThat(e.getMessage()).startsWith("cannot read the CSV file");
      return "stopped";
    } finally {
      for (int k = 0; k < indexes.size(); k++) {
        assertThat(indexes.get(k)).isEqualTo(k);
      }
    }
  }

  /** One to six rows of two or three values, the first a number (no header), none empty. */
  static List<List<String>> rows(SplittableRandom random) {
    List<List<String>> rows = new ArrayList<>();
    int columns = random.nextInt(2, 4);
    for (int r = random.nextInt(1, 7); r > 0; r--) {
      List<String> row = new ArrayList<>(List.of(String.valueOf(random.nextInt(1000))));
      for (int c = 1; c < columns; c++) {
        StringBuilder value = new StringBuilder();
        for (int k = random.nextInt(1, 10); k > 0; k--) {
          value.appendCodePoint(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        row.add(value.toString().replace("\ufeff", "b"));
      }
      rows.add(row);
    }
    return rows;
  }

  /** The rows as a UTF-8 file: values quoted where they must be, lines ended by LF or CRLF. */
  static byte[] csv(SplittableRandom random, List<List<String>> rows) {
    StringBuilder csv = new StringBuilder();
    String end = random.nextBoolean() ? "\n" : "\r\n";
    for (List<String> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        String value = row.get(c);
        boolean quote = value.matches("(?s).*[,\"\r\n].*") || !value.equals(value.strip()) || random.nextInt(4) == 0;
        csv.append(c > 0 ? "," : "").append(quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value);
      }
      csv.append(end);
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }
}
