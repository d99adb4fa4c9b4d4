package dev.rowgate.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class SchemaHealthIndicatorTest {

  @Test
  void versionsAreOrderedByTheirPartsAsNumbersNotAsText() {
    assertThat(Stream.of("10", "9", "1.1", "2", "1", "1.10", "1.2").sorted(SchemaHealthIndicator.VERSION_ORDER).toList())
        .isEqualTo(List.of("1", "1.1", "1.2", "1.10", "2", "9", "10"));
    assertThat(SchemaHealthIndicator.VERSION_ORDER.compare("2", "2.0")).isZero();
    assertThat(SchemaHealthIndicator.VERSION_ORDER.compare("2_1", "2.1")).isZero();
  }
}
