package dev.rowgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import dev.rowgate.stack.test.Http;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The reports on a small data set whose answers are known by hand: hires on both sides of quarter
 * and year boundaries, a department exactly at the mean, ties, and names that a linguistic
 * collation orders otherwise than character codes do. The API's sessions run in UTC+14 and the
 * name columns use a linguistic collation, so neither may change an answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.datasource.hikari.connection-init-sql=SET TIME ZONE 'Pacific/Kiritimati'")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsIT extends ApiOnOwnInfrastructure {

  /** Once, on the class's database, which the context migrated and defined the shipped tables in. */
  @BeforeAll
  void dataSet() {
    String collation = jdbc.queryForList("SELECT collname FROM pg_collation WHERE collname IN ('en-x-icu', 'und-x-icu')"
        + " ORDER BY collname", String.class).stream().findFirst()
        .orElseThrow(() -> new IllegalStateException("this PostgreSQL has no ICU collation to test against"));
    jdbc.execute("ALTER TABLE departments ALTER COLUMN department TYPE varchar(255) COLLATE \"" + collation + "\"");
    jdbc.execute("ALTER TABLE jobs ALTER COLUMN job TYPE varchar(255) COLLATE \"" + collation + "\"");
    assertThat(jdbc.queryForList("SELECT department FROM (VALUES ('Zeta'), ('alpha')) v(department) "
        + "ORDER BY department COLLATE \"" + collation + "\"", String.class)).containsExactly("alpha", "Zeta");
    jdbc.update("INSERT INTO departments (id, department) VALUES (1, 'Zeta'), (2, 'alpha'), (3, 'Beta'), "
        + "(4, 'Ångström'), (5, 'Empty'), (6, 'beta')");
    jdbc.update("INSERT INTO jobs (id, job) VALUES (1, 'Engineer'), (2, 'analyst'), (3, 'Clerk')");
    Object[][] hires = {
        {1, "2021-03-31T23:59:59Z", 1, 1}, {2, "2021-04-01T00:00:00Z", 1, 1}, {3, "2021-12-31T23:59:59Z", 1, 1},
        {4, "2022-01-01T00:00:00Z", 1, 1},
        {5, "2021-01-01T00:00:00Z", 2, 3}, {6, "2021-02-10T10:00:00Z", 2, 3}, {7, "2021-09-30T23:59:59Z", 2, 2},
        {8, "2021-10-10T10:00:00Z", 4, 1}, {9, "2021-11-11T11:00:00Z", 4, 1}, {10, "2021-07-01T00:00:00Z", 4, 3},
        {11, "2021-05-05T05:05:05Z", 3, 1}, {12, "2021-06-30T23:59:59Z", 3, 1},
        {13, "2021-08-08T08:08:08Z", 6, 2},
        {14, "2020-12-31T23:59:59Z", 5, 1}, {15, "2022-01-01T00:00:00Z", 5, 1},
        {16, "0001-01-01T00:00:00Z", 5, 2}, {17, "9999-12-31T23:59:59Z", 5, 2}};
    for (Object[] hire : hires) {
      jdbc.update("INSERT INTO hired_employees (id, name, datetime, department_id, job_id) VALUES (?, ?, ?::timestamptz, ?, ?)",
          hire[0], "Hire " + hire[0], hire[1], hire[2], hire[3]);
    }
  }

  @Test
  void hiresByQuarterCountsByUtcQuartersAndOrdersByCharacterCode() {
    JsonNode report = http.get("/api/v1/reports/hires-by-quarter?year=2021").json();

    assertThat(report.get("year").intValue()).isEqualTo(2021);
    assertThat(rows(report, "department", "job", "q1", "q2", "q3", "q4")).containsExactly(
        "Beta|Engineer|0|2|0|0",
        "Zeta|Engineer|1|1|0|1",
        "alpha|Clerk|2|0|0|0",
        "alpha|analyst|0|0|1|0",
        "beta|analyst|0|0|1|0",
        "Ångström|Clerk|0|0|1|0",
        "Ångström|Engineer|0|0|0|2");
    assertThat(rows(http.get("/api/v1/reports/hires-by-quarter?year=2022").json(),
        "department", "job", "q1", "q2", "q3", "q4")).containsExactly("Empty|Engineer|1|0|0|0", "Zeta|Engineer|1|0|0|0");
    assertThat(rows(http.get("/api/v1/reports/hires-by-quarter?year=1999").json(), "job")).isEmpty();
    assertThat(rows(http.get("/api/v1/reports/hires-by-quarter?year=1").json(),
        "department", "job", "q1", "q2", "q3", "q4")).containsExactly("Empty|analyst|1|0|0|0");
    assertThat(rows(http.get("/api/v1/reports/hires-by-quarter?year=9999").json(),
        "department", "job", "q1", "q2", "q3", "q4")).containsExactly("Empty|analyst|0|0|0|1");
  }

  @Test
  void departmentsAboveTheMeanLeaveOutOneExactlyAtItAndOrderTiesByName() {
    JsonNode report = http.get("/api/v1/reports/departments-above-mean?year=2021").json();

    assertThat(rows(report, "id", "department", "hired")).containsExactly("1|Zeta|3", "2|alpha|3", "4|Ångström|3");
    assertThat(rows(http.get("/api/v1/reports/departments-above-mean?year=2022").json(),
        "id", "department", "hired")).containsExactly("5|Empty|1", "1|Zeta|1");
  }

  @Test
  void reportsComeAsCsvWithAHeaderAndAFileNameForTheAcceptHeaderOrTheFormatParameter() {
    Http.Answer byAccept = http.get("/api/v1/reports/departments-above-mean?year=2021", "Accept", "text/csv");
    Http.Answer byFormat = http.get("/api/v1/reports/hires-by-quarter?year=2021&format=csv");

    assertThat(byAccept.header("Content-Type")).startsWith("text/csv");
    assertThat(byAccept.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"departments-above-mean-2021.csv\"");
    assertThat(byAccept.body()).isEqualTo("id,department,hired\r\n1,Zeta,3\r\n2,alpha,3\r\n4,Ångström,3\r\n");
    assertThat(byFormat.body()).startsWith("department,job,q1,q2,q3,q4\r\nBeta,Engineer,0,2,0,0\r\n");
    assertThat(http.get("/api/v1/reports/departments-above-mean?year=2021", "Accept",
        "text/csv;q=0.5, application/json").header("Content-Type")).startsWith("application/json");
    assertThat(http.get("/api/v1/reports/departments-above-mean?year=2021", "Accept", "image/png").status())
        .isEqualTo(406);
    assertThat(http.get("/api/v1/reports/departments-above-mean?year=2021", "Accept", "csv").status())
        .isEqualTo(406);
  }

  @Test
  void aMissingOrInvalidYearIsAClearProblem() {
    for (String query : List.of("", "?year=", "?year=twenty", "?year=0", "?year=10000", "?year=2021.5",
        "?year=%202021", "?year=%2B2021")) {
      Http.Answer answer = http.get("/api/v1/reports/hires-by-quarter" + query);
      assertThat(answer.status()).as(query).isEqualTo(400);
      assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
      assertThat(answer.json().get("detail").stringValue()).contains("year");
    }
  }

  private static List<String> rows(JsonNode report, String... columns) {
    return report.get("rows").valueStream().map(row -> String.join("|", Arrays.stream(columns)
        .map(c -> row.get(c).asString()).toList())).toList();
  }
}
