package dev.rowgate.service.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class CopyTextTest {

  @Test
  void timesAreWrittenAsPostgresReadsThemInEveryYear() {
    assertThat(CopyText.timestampText(Instant.parse("2021-07-01T10:00:00.000001Z"))).isEqualTo("2021-07-01T10:00:00.000001Z");
    assertThat(CopyText.timestampText(Instant.parse("+10000-01-01T04:00:00Z"))).isEqualTo("10000-01-01T04:00:00Z");
    assertThat(CopyText.timestampText(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(CopyText.timestampText(Instant.parse("0000-12-31T23:00:00Z"))).isEqualTo("0001-12-31T23:00:00Z BC");
    assertThat(CopyText.timestampText(Instant.parse("-0001-03-01T00:00:00Z"))).isEqualTo("0002-03-01T00:00:00Z BC");
  }

  @Test
  void valuesAreTabSeparatedEscapedAndNullIsBackslashN() {
    CopyText copy = new CopyText().number(7).text("a\tb\\c\nd\0").timestamp(null);
    copy.endRow();
    assertThat(new String(copy.takeBytes(), StandardCharsets.UTF_8))
        .isEqualTo("7\ta\\tb\\\\c\\nd\uFFFD\t\\N\n");
    assertThat(copy.rows()).isEqualTo(1);
  }
}
