package dev.rowgate.ingest.reports;

import static dev.rowgate.stack.test.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rowgate.ingest.ApiOnOwnInfrastructure;
import dev.rowgate.service.test.TestDefinitions;
import dev.rowgate.stack.test.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Definitions without the hiring tables: the reports say what they miss, and the rest of the API works. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReportsWithoutHiringTablesIT extends ApiOnOwnInfrastructure {

  @DynamicPropertySource
  static void examples(DynamicPropertyRegistry registry) {
    registry.add("rowgate.definitions.directory", () -> TestDefinitions.examples().toString());
  }

  @Test
  void aReportIsAProblemThatNamesTheTablesItNeeds() {
    Http.Answer report = http.get("/api/v1/reports/hires-by-quarter?year=2021");

    assertProblem(report, 404, "reports-unavailable");
    assertThat(report.json().get("detail").stringValue()).isEqualTo("The reports count the hiring data, and the "
        + "applied table definitions (version 1) lack table departments, table jobs, table hired_employees: define "
        + "departments, jobs and hired_employees as definitions/ ships them to have the reports");
    assertProblem(http.get("/api/v1/reports/departments-above-mean?year=2021"), 404, "reports-unavailable");
    assertThat(http.post("/api/v1/tables/customers/rows", "application/json",
        "[{\"id\": 1, \"email\": \"a@b.c\", \"name\": \"A\"}]").status()).isEqualTo(202);
  }
}
