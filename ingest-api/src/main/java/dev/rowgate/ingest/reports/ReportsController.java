package dev.rowgate.ingest.reports;

import java.util.List;
import java.util.function.Function;

import dev.rowgate.ingest.web.CsvOrJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The two reports of the hiring data, served while its tables are defined, as JSON or, for {@code Accept: text/csv} or {@code ?format=csv}, as CSV. */
@RestController
@SecurityRequirement(name = "basic")
class ReportsController {

  private final ReportQueries queries;
  private final HiringTables hiring;

  ReportsController(ReportQueries queries, HiringTables hiring) {
    this.queries = queries;
    this.hiring = hiring;
  }

  /** A report of a year. */
  record Report<T>(int year, List<T> rows) {
  }

  @Operation(summary = "Hires of each department and job in each quarter of a year",
      description = "For each department and job with a hire in the year: the hires of each quarter, by the hire's "
          + "UTC timestamp. Ordered by department, then job, by character code.")
  @ApiResponse(responseCode = "200", description = "The report, as JSON or CSV")
  @ApiResponse(responseCode = "400", description = "A missing or invalid year")
  @ApiResponse(responseCode = "404", description = "The applied table definitions lack the hiring tables")
  @GetMapping(path = "/api/v1/reports/hires-by-quarter", produces = {"application/json", "text/csv"})
  ResponseEntity<?> hiresByQuarter(
      @Parameter(example = "2021") @RequestParam(required = false) String year,
      @Parameter(description = "csv for CSV whatever the Accept header") @RequestParam(required = false) String format,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
    int theYear = Year.parse(year);
    boolean csv = CsvOrJson.wantsCsv(format, accept, "Reports");
    hiring.require();
    return report("hires-by-quarter", theYear, queries.hiresByQuarter(theYear), csv,
        List.of("department", "job", "q1", "q2", "q3", "q4"),
        r -> List.of(r.department(), r.job(), r.q1(), r.q2(), r.q3(), r.q4()));
  }

  @Operation(summary = "Departments that hired more than the mean of a year",
      description = "Each department whose hires in the year are more than the mean over all departments (one "
          + "without hires counts as 0). Ordered by hires, most first, then by department.")
  @ApiResponse(responseCode = "200", description = "The report, as JSON or CSV")
  @ApiResponse(responseCode = "400", description = "A missing or invalid year")
  @ApiResponse(responseCode = "404", description = "The applied table definitions lack the hiring tables")
  @GetMapping(path = "/api/v1/reports/departments-above-mean", produces = {"application/json", "text/csv"})
  ResponseEntity<?> departmentsAboveMean(
      @Parameter(example = "2021") @RequestParam(required = false) String year,
      @Parameter(description = "csv for CSV whatever the Accept header") @RequestParam(required = false) String format,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
    int theYear = Year.parse(year);
    boolean csv = CsvOrJson.wantsCsv(format, accept, "Reports");
    hiring.require();
    return report("departments-above-mean", theYear, queries.departmentsAboveMean(theYear), csv,
        List.of("id", "department", "hired"), r -> List.of(r.id(), r.department(), r.hired()));
  }

  /** The report as JSON, or as CSV with a header row and a file name to save it under. */
  private static <T> ResponseEntity<?> report(String name, int year, List<T> rows, boolean csv, List<String> header,
                                              Function<T, List<Object>> values) {
    if (!csv) {
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new Report<>(year, rows));
    }
    String fileName = name + "-" + year + ".csv";
    String body = CsvOrJson.csv(header, rows.stream().map(row -> values.apply(row).stream().map(String::valueOf).toList())
        .toList());
    return ResponseEntity.ok().contentType(CsvOrJson.CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
        .body(body);
  }
}
