package dev.rowgate.ingest.console;

import java.time.Instant;
import java.util.List;

import dev.rowgate.schema.Table;
import dev.rowgate.service.definitions.AppliedDefinitions;
import dev.rowgate.service.sql.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Each table of the applied definitions with its rows, its open rejections and its last load. */
@Component
final class TableFigures {

  private static final String FIGURES = """
      SELECT (SELECT count(*) FROM %s) AS rows, (SELECT count(*) FROM %s WHERE state = 'open') AS open,
             (SELECT max(created_at) FROM ingest_batches WHERE table_name = :table) AS last_load""";

  private final JdbcClient jdbc;
  private final AppliedDefinitions definitions;

  TableFigures(JdbcClient jdbc, AppliedDefinitions definitions) {
    this.jdbc = jdbc;
    this.definitions = definitions;
  }

  /** A table's figures; lastLoad is null for a table never loaded (or whose batches are forgotten). */
  record Figures(String table, long rows, long openRejections, Instant lastLoad) {
  }

  List<Figures> all() {
    return definitions.latest().tables().stream().map(this::of).toList();
  }

  Figures of(Table table) {
    return jdbc.sql(FIGURES.formatted(Sql.name(table.name()), Sql.name(table.errorsTable())))
        .param("table", table.name())
        .query((rs, i) -> new Figures(table.name(), rs.getLong("rows"), rs.getLong("open"),
            rs.getTimestamp("last_load") == null ? null : rs.getTimestamp("last_load").toInstant()))
        .single();
  }
}
