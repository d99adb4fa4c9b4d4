package dev.rowgate.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoneSurrogatesTest {

  @Test
  void aSurrogateWithoutItsOtherHalfIsFoundAndAPairIsNot() {
    assertThat(LoneSurrogates.in("Zoë 😀 Ω")).isFalse();
    assertThat(LoneSurrogates.in("")).isFalse();
    assertThat(LoneSurrogates.in("a\ud800b")).isTrue();
    assertThat(LoneSurrogates.in("a\ud800")).isTrue();
    assertThat(LoneSurrogates.in("\udc00a")).isTrue();
    assertThat(LoneSurrogates.in("\ude00\ud83d")).isTrue();
    assertThat(LoneSurrogates.in("\ud83d\ude00\ud83d")).isTrue();
  }
}
