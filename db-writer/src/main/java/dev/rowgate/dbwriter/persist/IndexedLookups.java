package dev.rowgate.dbwriter.persist;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lookups by index for the rest of the writer's transaction. The foreign keys' checks of every
 * inserted row ({@code SELECT 1 FROM jobs WHERE id = $1 FOR KEY SHARE}) and the writer's own
 * reference checks are planned once per connection; on tables as small as departments and jobs the
 * planner picks a sequential scan, which reads every department or job for each row written. Every
 * table the writer looks rows up in has an index on what it looks them up by; its staging tables
 * have none and are scanned as before. {@code SET LOCAL}: the setting ends with the transaction, so
 * no other query on the pool's connection inherits it.
 */
@Component
final class IndexedLookups {

  private final JdbcClient jdbc;

  IndexedLookups(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Turns sequential scans off until the transaction ends. */
  void forThisTransaction() {
    jdbc.sql("SET LOCAL enable_seqscan = off").update();
  }
}
