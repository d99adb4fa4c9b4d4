package dev.rowgate.service.web;

import java.time.Duration;

import dev.rowgate.service.problem.ApiException;
import org.springframework.boot.convert.DurationStyle;

/** The {@code wait} query parameter: how long a request may wait for work to finish, like 30s or PT30S. */
public final class WaitParameter {

  private WaitParameter() {
  }

  /** No wait for null; plain digits are seconds; longer than {@code max} or unreadable is a 400. */
  public static Duration parse(String wait, Duration max) {
    if (wait == null) {
      return Duration.ZERO;
    }
    Duration duration;
    try {
      duration = wait.chars().allMatch(Character::isDigit) && !wait.isEmpty() ? Duration.ofSeconds(Long.parseLong(wait))
          : DurationStyle.detectAndParse(wait);
    } catch (IllegalArgumentException e) {
      throw badWait(wait, max);
    }
    if (duration.isNegative() || duration.compareTo(max) > 0) {
      throw badWait(wait, max);
    }
    return duration;
  }

  private static ApiException badWait(String wait, Duration max) {
    return ApiException.badRequest("bad-wait", "Bad wait",
        "wait is a duration from 0 to " + max.toSeconds() + "s, like 30s or PT30S, not '" + wait + "'");
  }
}
