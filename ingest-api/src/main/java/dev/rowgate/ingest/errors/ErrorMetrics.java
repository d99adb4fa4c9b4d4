package dev.rowgate.ingest.errors;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.rowgate.ingest.IngestProperties;
import dev.rowgate.schema.Table;
import dev.rowgate.service.definitions.AppliedDefinitions;
import dev.rowgate.service.sql.Sql;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * {@code rowgate_errors_open{table, rule}}: the open rejections of each table by each rule of their
 * reasons (a row refused for two rules counts under each), counted every
 * {@code rowgate.ingest.errors-gauge}. Redrives and discards count themselves as they happen
 * ({@code rowgate_errors_redriven_total}, {@code rowgate_errors_discarded_total}).
 */
@Component
final class ErrorMetrics {

  private static final Logger log = LoggerFactory.getLogger(ErrorMetrics.class);

  private static final String OPEN = """
      SELECT r.rule, count(*) AS rows FROM %s e
      CROSS JOIN LATERAL (SELECT DISTINCT x->>'rule' AS rule FROM jsonb_array_elements(e.reasons) x) r
      WHERE e.state = 'open' GROUP BY r.rule""";

  private final JdbcClient jdbc;
  private final AppliedDefinitions definitions;
  private final MultiGauge open;

  ErrorMetrics(JdbcClient jdbc, AppliedDefinitions definitions, MeterRegistry meters, IngestProperties properties,
               TaskScheduler scheduler) {
    this.jdbc = jdbc;
    this.definitions = definitions;
    this.open = MultiGauge.builder("rowgate.errors.open").description("Open rejections, by table and rule")
        .register(meters);
    Duration every = properties.errorsGauge();
    scheduler.scheduleWithFixedDelay(this::count, Instant.now().plus(Duration.ofSeconds(1)), every);
  }

  void count() {
    try {
      List<MultiGauge.Row<?>> rows = new ArrayList<>();
      for (Table table : definitions.latest().tables()) {
        jdbc.sql(OPEN.formatted(Sql.name(table.errorsTable()))).query(rs -> {
          rows.add(MultiGauge.Row.of(Tags.of("table", table.name(), "rule", String.valueOf(rs.getString("rule"))),
              rs.getLong("rows")));
        });
      }
      open.register(rows, true);
    } catch (DataAccessException e) {
      log.warn("cannot count the open rejections, the gauge keeps its last values: {}", e.getMessage());
    }
  }
}
