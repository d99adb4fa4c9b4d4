package dev.rowgate.ingest.reports;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

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

  /** The answers of both reports. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ApiResponse(responseCode = "200", description = "The report, as JSON or CSV")
  @ApiResponse(responseCode = "400", description = "A missing or invalid year")
  @ApiResponse(responseCode = "404", description = "The applied table definitions lack the hiring tables")
  @interface ReportResponses {
  }

  /** A report of a year. */
  record Report<T>(int year, List<T> rows) {
  }

  @Operation(summary = "Hires of each department and job in each quarter of a year",
      description = "For each department and job with a hire in the year: the hires of each quarter, by the hire's "
          + "UTC timestamp. Ordered by department, then job, by character code.")
  @ReportResponses
  @GetMapping(path = "/api/v1/reports/hires-by-quarter", produces = {"application/json", "text/csv"})
  ResponseEntity<?> hiresByQuarter(
      @Parameter(example = "2021") @RequestParam(required = false) String year,
      @Parameter(description = "csv for CSV whatever the Accept header") @RequestParam(required = false) String format,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
    return report("hires-by-quarter", year, format, accept, queries::hiresByQuarter,
        List.of("department", "job", "q1", "q2", "q3", "q4"),
        r -> List.of(r.department(), r.job(), r.q1(), r.q2(), r.q3(), r.q4()));
  }

  @Operation(summary = "Departments that hired more than the mean of a year",
      description = "Each department whose hires in the year are more than the mean over all departments (one "
          + "without hires counts as 0). Ordered by hires, most first, then by department.")
  @ReportResponses
  @GetMapping(path = "/api/v1/reports/departments-above-mean", produces = {"application/json", "text/csv"})
  ResponseEntity<?> departmentsAboveMean(
      @Parameter(example = "2021") @RequestParam(required = false) String year,
      @Parameter(description = "csv for CSV whatever the Accept header") @RequestParam(required = false) String format,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
    return report("departments-above-mean", year, format, accept, queries::departmentsAboveMean,
        List.of("id", "department", "hired"), r -> List.of(r.id(), r.department(), r.hired()));
  }

  /**
   * The report of the year as JSON, or as CSV with a header row and a file name to save it under;
   * the year and the format are checked, and the hiring tables found, before the query runs.
   */
  private <T> ResponseEntity<?> report(String name, String yearText, String format, String accept,
                                       IntFunction<List<T>> query, List<String> header,
                                       Function<T, List<Object>> values) {
    int year = Year.parse(yearText);
    boolean csv = CsvOrJson.wantsCsv(format, accept, "Reports");
    hiring.require();
    List<T> rows = query.apply(year);
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
