package dev.rowgate.ingest.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowgate.service.problem.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YearTest {

  @ParameterizedTest
  @ValueSource(strings = {"1", "0001", "2021", "9999"})
  void aYearIsOneToFourDigits(String year) {
    assertThat(Year.parse(year)).isEqualTo(Integer.parseInt(year));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0000", "10000", "-2021", "+2021", " 2021", "2021 ", "2021.0", "٢٠٢١", "2O21", "twenty"})
  void anythingElseIsAnInvalidYear(String year) {
    assertThatThrownBy(() -> Year.parse(year)).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.type()).isEqualTo("invalid-year"));
  }

  @Test
  void noYearIsAMissingYear() {
    for (String year : new String[] {null, ""}) {
      assertThatThrownBy(() -> Year.parse(year)).isInstanceOfSatisfying(ApiException.class,
          e -> assertThat(e.type()).isEqualTo("missing-year"));
    }
  }
}
