package dev.rowgate.service;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How every service retries what failed for a cause outside it (Kafka or PostgreSQL away, a
 * transaction that could not commit): after {@code first}, doubling up to {@code longest} between
 * two attempts ({@code ROWGATE_RETRY_FIRST}, {@code ROWGATE_RETRY_LONGEST}).
 *
 * @param first   the pause after the first failure
 * @param longest the longest pause between two attempts
 */
@ConfigurationProperties("rowgate.retry")
public record RetryProperties(@DefaultValue("500ms") Duration first, @DefaultValue("30s") Duration longest) {

  /** The pauses, without end: who retries decides when to stop. */
  public ExponentialBackOff pauses() {
    ExponentialBackOff backOff = new ExponentialBackOff(first.toMillis(), 2.0);
    backOff.setMaxInterval(longest.toMillis());
    return backOff;
  }
}
