package dev.rowgate.ingest.reports;

import dev.rowgate.service.problem.ApiException;

/** The year a report is about, from the {@code year} parameter: 1 to 9999, as the hires' timestamps allow. */
final class Year {

  private Year() {
  }

  static int parse(String year) {
    if (year == null || year.isBlank()) {
      throw ApiException.badRequest("missing-year", "Missing year", "A report is about a year: add ?year=2021");
    }
    try {
      int value = Integer.parseInt(year.strip());
      if (value >= 1 && value <= 9999) {
        return value;
      }
    } catch (NumberFormatException e) {
      throw invalid(year);
    }
    throw invalid(year);
  }

  private static ApiException invalid(String year) {
    return ApiException.badRequest("invalid-year", "Invalid year", "year is a number from 1 to 9999, not '" + year + "'");
  }
}
