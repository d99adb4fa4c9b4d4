package dev.rowgate.ingest.errors;

import java.util.HashMap;
import java.util.Map;

import dev.rowgate.schema.Table;
import dev.rowgate.service.sql.Sql;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Drops open rejections an operator will not send again, each with who did it and why. */
@Component
final class Discards {

  private static final String LOCK_ONE = "SELECT state, state_by, state_at FROM %s WHERE id = :id FOR UPDATE";

  private static final String DISCARD = """
      UPDATE %1$s e SET state = 'discarded', state_by = :user, state_at = now(), state_reason = :reason
      WHERE e.id IN (SELECT e.id FROM %1$s e WHERE e.state = 'open' AND %2$s ORDER BY e.id FOR UPDATE SKIP LOCKED)""";

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final MeterRegistry meters;

  Discards(JdbcClient jdbc, PlatformTransactionManager transactions, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.meters = meters;
  }

  void one(Table table, long id, String reason, String user) {
    transaction.executeWithoutResult(status -> {
      ErrorStates.requireOpen(table, id, jdbc.sql(LOCK_ONE.formatted(Sql.name(table.errorsTable()))).param("id", id)
          .query().listOfRows());
      discard(table, new ErrorFilter.Where("e.id = :id", Map.of("id", id)), reason, user);
    });
    meters.counter("rowgate.errors.discarded", "table", table.name()).increment();
  }

  /** Discards the open rejections the filter takes and no one else holds; returns how many. */
  long matching(Table table, ErrorFilter.Where where, String reason, String user) {
    int discarded = transaction.execute(status -> discard(table, where, reason, user));
    meters.counter("rowgate.errors.discarded", "table", table.name()).increment(discarded);
    return discarded;
  }

  private int discard(Table table, ErrorFilter.Where where, String reason, String user) {
    Map<String, Object> parameters = new HashMap<>(where.parameters());
    parameters.put("user", user);
    parameters.put("reason", reason);
    return jdbc.sql(DISCARD.formatted(Sql.name(table.errorsTable()), where.sql())).params(parameters).update();
  }
}
