package dev.rowgate.ingest.reports;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reports, computed in PostgreSQL from the valid rows. A year and its quarters are those of
 * the hires' UTC timestamps, whatever the session's time zone; names are ordered by character
 * code (COLLATE "C"), whatever the database's collation.
 */
@Component
final class ReportQueries {

  private static final String IN_YEAR = "datetime >= :from AND datetime < :to";

  /** Quarters by comparing timestamps with their UTC bounds: no per-row time-zone conversion or extract. */
  private static final String HIRES_BY_QUARTER = """
      WITH counts AS (
          SELECT department_id, job_id,
                 count(*) FILTER (WHERE datetime < :q2) AS q1,
                 count(*) FILTER (WHERE datetime >= :q2 AND datetime < :q3) AS q2,
                 count(*) FILTER (WHERE datetime >= :q3 AND datetime < :q4) AS q3,
                 count(*) FILTER (WHERE datetime >= :q4) AS q4
          FROM hired_employees WHERE %s
          GROUP BY department_id, job_id)
      SELECT d.department, j.job, c.q1, c.q2, c.q3, c.q4
      FROM counts c JOIN departments d ON d.id = c.department_id JOIN jobs j ON j.id = c.job_id
      ORDER BY d.department COLLATE "C", j.job COLLATE "C", d.id, j.id""".formatted(IN_YEAR);

  /** The mean is over every department, those without hires counting 0; compared in integers, exactly. */
  private static final String DEPARTMENTS_ABOVE_MEAN = """
      WITH counts AS (
          SELECT department_id, count(*) AS hired FROM hired_employees WHERE %s GROUP BY department_id),
      hired AS (
          SELECT d.id, d.department, coalesce(c.hired, 0) AS hired
          FROM departments d LEFT JOIN counts c ON c.department_id = d.id)
      SELECT id, department, hired FROM hired
      WHERE hired * (SELECT count(*) FROM hired) > (SELECT sum(hired) FROM hired)
      ORDER BY hired DESC, department COLLATE "C", id""".formatted(IN_YEAR);

  /** The hires of a department and job in each quarter of the year. */
  record QuarterRow(String department, String job, long q1, long q2, long q3, long q4) {
  }

  /** A department and how many it hired in the year. */
  record DepartmentRow(int id, String department, long hired) {
  }

  private final JdbcClient jdbc;

  ReportQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<QuarterRow> hiresByQuarter(int year) {
    return inYear(HIRES_BY_QUARTER, year)
        .param("q2", quarterStart(year, 2)).param("q3", quarterStart(year, 3)).param("q4", quarterStart(year, 4))
        .query(QuarterRow.class).list();
  }

  List<DepartmentRow> departmentsAboveMean(int year) {
    return inYear(DEPARTMENTS_ABOVE_MEAN, year).query(DepartmentRow.class).list();
  }

  /** The statement with the bounds of {@link #IN_YEAR} bound to the year. */
  private JdbcClient.StatementSpec inYear(String sql, int year) {
    return jdbc.sql(sql).param("from", quarterStart(year, 1)).param("to", quarterStart(year + 1, 1));
  }

  /**
   * The first instant of a quarter in UTC, bound as a timestamptz: the database compares instants, so
   * neither its time zone nor the session's takes part.
   */
  private static OffsetDateTime quarterStart(int year, int quarter) {
    return OffsetDateTime.of(year, 3 * quarter - 2, 1, 0, 0, 0, 0, ZoneOffset.UTC);
  }
}
