package dev.rowgate.validator.route;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The transactional ids of an instance's producers: {@code prefix} followed by 0 to
 * {@code count - 1}, one for each consumer thread.
 *
 * @param stable whether the prefix comes from the instance id, and so is the same after a restart
 */
record TransactionalIds(String prefix, int count, boolean stable) {

  List<String> all() {
    return IntStream.range(0, count).mapToObj(suffix -> prefix + suffix).toList();
  }

  /**
   * Whether a transactional id is one of this instance's, by any count: a run of the instance
   * with more consumer threads used higher suffixes. No other instance's id matches, since an
   * instance id followed by "-" and digits would be followed by "-" once more.
   */
  boolean owns(String transactionalId) {
    if (!transactionalId.startsWith(prefix) || transactionalId.length() == prefix.length()) {
      return false;
    }
    return transactionalId.substring(prefix.length()).chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
