package dev.rowgate.backup;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.rowgate.stack.test.HiringData;
import org.springframework.jdbc.core.JdbcTemplate;

/** Fills and fingerprints the tables of a test database. */
final class Tables {

  private Tables() {
  }

  /**
   * The hiring data: every department and job, the hires without an empty field, the others as
   * errors rows; and a rejected department and job each, as from a JSON batch and a producer.
   */
  static void loadHiringData(JdbcTemplate jdbc) {
    jdbc.batchUpdate("INSERT INTO departments (id, department) VALUES (?, ?)", rows("departments"));
    jdbc.batchUpdate("INSERT INTO jobs (id, job) VALUES (?, ?)", rows("jobs"));
    List<Object[]> hires = new ArrayList<>();
    List<Object[]> errors = new ArrayList<>();
    for (Object[] hire : rows("hired_employees")) {
      if (List.of(hire).contains("")) {
        errors.add(new Object[] {hire[0], "{\"id\": \"" + hire[0] + "\", \"name\": \"" + hire[1] + "\"}", hire[0]});
      } else {
        hires.add(new Object[] {Integer.valueOf((String) hire[0]), hire[1], Timestamp.from(Instant.parse((String) hire[2])),
            Integer.valueOf((String) hire[3]), Integer.valueOf((String) hire[4])});
      }
    }
    jdbc.batchUpdate("INSERT INTO hired_employees (id, name, datetime, department_id, job_id) VALUES (?, ?, ?, ?, ?)",
        hires);
    jdbc.batchUpdate("""
        INSERT INTO hired_employees_errors (batch_id, line, channel, received_at, raw, reasons, stage, source_topic,
                                            source_partition, source_offset)
        VALUES ('b1', ?::bigint, 'API_CSV', now(), ?::jsonb, '[{"rule": "required"}]', 'validator', 't', 0, ?::bigint)""",
        errors);
    jdbc.update("""
        INSERT INTO departments_errors (batch_id, line, channel, received_at, raw, payload, reasons, stage, source_topic,
                                        source_partition, source_offset)
        VALUES ('b2', 3, 'API_JSON', '2024-02-29T23:59:59.123456Z', '{"id": "x", "department": ""}', '\\x00ff'::bytea,
                '[{"field": "id", "rule": "type"}, {"field": "department", "rule": "required"}]', 'validator',
                'rowgate.departments.raw', 4, 17)""");
    jdbc.update("""
        INSERT INTO jobs_errors (channel, received_at, raw, reasons, stage, source_topic, source_partition,
                                 source_offset, state, state_by, state_at, state_reason)
        VALUES ('PRODUCER', now(), '{"id": 184, "job": "Naïve ☃ job"}', '[{"rule": "database", "message": "ä"}]',
                'writer', 'rowgate.jobs.valid', 1, 9, 'discarded', 'vera', now(), 'sent twice')""");
  }

  /** A fingerprint of the table's content, row for row. */
  static String fingerprint(JdbcTemplate jdbc, String table) {
    return jdbc.queryForObject("SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
        + " FROM " + table + " t", String.class);
  }

  private static List<Object[]> rows(String table) {
    List<Object[]> rows = new ArrayList<>();
    for (String line : new String(HiringData.csv(table), StandardCharsets.UTF_8).split("\n")) {
      Object[] values = line.split(",", -1);
      if (table.equals("hired_employees")) {
        rows.add(values);
      } else {
        rows.add(new Object[] {Integer.valueOf((String) values[0]), values[1]});
      }
    }
    return rows;
  }
}
