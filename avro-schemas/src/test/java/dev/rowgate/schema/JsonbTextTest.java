package dev.rowgate.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonbTextTest {

  @Test
  void nulIsWrittenAsTheReplacementCharacterInNamesAndValuesAndEverythingElseAsJsonHasIt() {
    assertThat(JsonbText.of(Map.of("a\0", "b\0c"))).isEqualTo("{\"a\\ufffd\":\"b\\ufffdc\"}");
    assertThat(JsonbText.of(Map.of("text", "\\u0000 \t \u00e9"))).isEqualTo("{\"text\":\"\\\\u0000 \\t \u00e9\"}");
  }
}
