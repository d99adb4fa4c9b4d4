package dev.rowgate.dbwriter.errors;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rowgate.avro.Origin;
import dev.rowgate.avro.Reason;
import dev.rowgate.avro.RejectedRow;
import dev.rowgate.dbwriter.batch.Tally;
import dev.rowgate.schema.JsonbText;
import dev.rowgate.schema.RawFields;
import dev.rowgate.schema.Table;
import dev.rowgate.service.copy.CopyIn;
import dev.rowgate.service.copy.CopyText;
import dev.rowgate.service.sql.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps refused rows in {@code <table>_errors}: copied into a staging table, then inserted once
 * per table, each rejection a row of its own; a record whose rejection is already there (a
 * redelivery) is not inserted again.
 */
@Component
public final class RejectedRowWriter {

  private static final String CREATE_STAGE = """
      CREATE TEMP TABLE IF NOT EXISTS rowgate_stage_rejects (
          table_name text, batch_id text, row_index integer, line bigint, channel text, file_name text,
          received_at timestamptz, raw jsonb, payload bytea, reasons jsonb, stage text,
          source_topic text, source_partition integer, source_offset bigint
      ) ON COMMIT DELETE ROWS""";

  private static final String COPY_STAGE = "COPY rowgate_stage_rejects FROM STDIN";

  private static final String COLUMNS = """
      batch_id, row_index, line, channel, file_name, received_at, raw, payload, reasons, stage,
      source_topic, source_partition, source_offset""";

  /**
   * Every staged rejection is a row of its own; one whose raw record is there already (the same
   * coordinates and receive time: a redelivery) is not inserted again.
   */
  private static final String INSERT = """
      INSERT INTO %1$s (%2$s)
      SELECT %2$s FROM rowgate_stage_rejects WHERE table_name = :table
      ON CONFLICT (source_topic, source_partition, source_offset, received_at) DO NOTHING""";

  private final JdbcClient jdbc;
  private final CopyIn copyIn;

  RejectedRowWriter(JdbcClient jdbc, CopyIn copyIn) {
    this.jdbc = jdbc;
    this.copyIn = copyIn;
  }

  public void write(Map<Table, List<Reject>> rejects, Tally tally) {
    if (rejects.values().stream().allMatch(List::isEmpty)) {
      return;
    }
    jdbc.sql(CREATE_STAGE).update();
    CopyText copy = new CopyText();
    rejects.forEach((table, rows) -> rows.forEach(reject -> {
      stage(copy, table, reject);
      count(table, reject, tally);
    }));
    copyIn.copy(COPY_STAGE, copy);
    rejects.forEach((table, rows) -> {
      if (!rows.isEmpty()) {
        jdbc.sql(INSERT.formatted(Sql.name(table.errorsTable()), COLUMNS)).param("table", table.name()).update();
      }
    });
  }

  private static void count(Table table, Reject reject, Tally tally) {
    Origin origin = reject.row().getOrigin();
    String batch = origin.getBatchId();
    String channel = origin.getChannel().name();
    switch (reject.cause()) {
      case VALIDATOR -> tally.rejectedByValidator(table.name(), batch, channel, 1);
      case REFUSED_BY_WRITER -> tally.refusedByWriter(table.name(), batch, channel, 1);
      case UNDECODABLE -> tally.undecodable(table.name(), batch, channel, 1);
    }
  }

  private static void stage(CopyText copy, Table table, Reject reject) {
    RejectedRow row = reject.row();
    Origin origin = row.getOrigin();
    copy.text(table.name()).text(origin.getBatchId()).number(origin.getIndex()).number(origin.getLine())
        .text(origin.getChannel().name()).text(origin.getFileName()).timestamp(origin.getReceivedAt())
        .text(RawFields.toJson(row.getFields()))
        .bytes(row.getPayload() == null ? null : bytes(row.getPayload()))
        .text(reasonsJson(row.getReasons())).text(reject.cause().stage())
        .text(row.getSource().getTopic()).number(row.getSource().getPartition()).number(row.getSource().getOffset());
    copy.endRow();
  }

  /** The reasons as a JSON array of {@code {field, rule, message}}. */
  public static String reasonsJson(List<Reason> reasons) {
    return JsonbText.of(reasons.stream()
        .map(r -> {
          Map<String, Object> reason = new LinkedHashMap<>();
          reason.put("field", r.getField());
          reason.put("rule", r.getRule());
          reason.put("message", r.getMessage());
          return reason;
        })
        .toList());
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
