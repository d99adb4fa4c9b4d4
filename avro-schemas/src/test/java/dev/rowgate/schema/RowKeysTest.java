package dev.rowgate.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.rowgate.avro.RawField;
import org.junit.jupiter.api.Test;

class RowKeysTest {

  static final Definitions SHIPPED = DefinitionFiles.read(DefinitionFilesTest.SHIPPED);

  static final Table LINES = DefinitionFiles.parse(Map.of("lines.yaml", """
      table: lines
      key: [order_no, line]
      columns:
        - {name: order_no, type: text}
        - {name: line, type: decimal, precision: 6, scale: 2}
      """)).table("lines").orElseThrow();

  @Test
  void aRawRowHasTheKeyItsValuesWillHaveOnceValid() {
    Table jobs = SHIPPED.table("jobs").orElseThrow();

    assertThat(RowKeys.ofRaw(jobs, List.of(new RawField("job", "x"), new RawField("id", 42L)))).contains("42");
    assertThat(RowKeys.ofRaw(jobs, List.of(new RawField("id", "0042")))).contains("42");
    assertThat(RowKeys.ofRaw(jobs, List.of(new RawField("id", "4x")))).isEmpty();
    assertThat(RowKeys.ofRaw(jobs, List.of(new RawField("id", 4.5)))).isEmpty();
    assertThat(RowKeys.ofRaw(jobs, List.of(new RawField("id", "")))).isEmpty();
    assertThat(RowKeys.ofRaw(jobs, List.of(new RawField("job", "x")))).isEmpty();
    assertThat(RowKeys.of(jobs, Map.of("id", 42, "job", "x"))).isEqualTo("42");
  }

  @Test
  void aKeyOfSeveralColumnsIsAJsonArrayOfTheirTextsWhateverTheirSpelling() {
    assertThat(RowKeys.ofRaw(LINES, List.of(new RawField("line", "1.50"), new RawField("order_no", "A-1"))))
        .contains("[\"A-1\",\"1.50\"]");
    assertThat(RowKeys.ofRaw(LINES, List.of(new RawField("line", 1.5), new RawField("order_no", "A-1"))))
        .contains("[\"A-1\",\"1.50\"]");
    assertThat(RowKeys.of(LINES, Map.of("order_no", "A-1", "line", new BigDecimal("1.50")))).isEqualTo("[\"A-1\",\"1.50\"]");
  }
}
