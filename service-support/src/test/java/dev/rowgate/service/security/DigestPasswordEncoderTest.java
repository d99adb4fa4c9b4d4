package dev.rowgate.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigestPasswordEncoderTest {

  private final DigestPasswordEncoder encoder = new DigestPasswordEncoder();

  @Test
  void onlyThePasswordItselfMatchesItsEncoding() {
    String encoded = encoder.encode("s3cret-\u00e9");

    assertThat(encoded).isNotEqualTo("s3cret-\u00e9").hasSize(64);
    assertThat(encoder.matches("s3cret-\u00e9", encoded)).isTrue();
    assertThat(encoder.matches("s3cret-e", encoded)).isFalse();
    assertThat(encoder.matches("s3cret-\u00e9 ", encoded)).isFalse();
    assertThat(encoder.matches("s3cret", encoded)).isFalse();
    assertThat(encoder.matches("", encoded)).isFalse();
    assertThat(encoder.matches("s3cret-\u00e9", null)).isFalse();
  }
}
