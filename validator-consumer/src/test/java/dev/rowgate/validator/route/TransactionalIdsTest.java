package dev.rowgate.validator.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransactionalIdsTest {

  private final TransactionalIds ids = new TransactionalIds("rowgate-validator-v1-", 2, true);

  @Test
  void anInstanceHasOneIdPerConsumerThread() {
    assertThat(ids.all()).containsExactly("rowgate-validator-v1-0", "rowgate-validator-v1-1");
  }

  @Test
  void anInstanceOwnsItsIdsOfAnyCount() {
    assertThat(ids.owns("rowgate-validator-v1-0")).isTrue();
    assertThat(ids.owns("rowgate-validator-v1-17")).isTrue();
  }

  @Test
  void anInstanceOwnsNoIdOfAnotherWhoseIdItsOwnBegins() {
    assertThat(ids.owns("rowgate-validator-v1-2-0")).isFalse();
    assertThat(ids.owns("rowgate-validator-v10-0")).isFalse();
    assertThat(ids.owns("rowgate-validator-v1-")).isFalse();
    assertThat(ids.owns("rowgate-validator-v2-0")).isFalse();
  }
}
