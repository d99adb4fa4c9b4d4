package dev.rowgate.ingest.reports;

import java.util.regex.Pattern;

import dev.rowgate.service.problem.ApiException;

/**
 * The year a report is about, from the {@code year} parameter: 1 to 9999, as the hires' timestamps
 * allow, written in the digits 0 to 9 alone: no sign, no spaces, no other script's digits.
 */
final class Year {

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,4}");

  private Year() {
  }

  static int parse(String year) {
    if (year == null || year.isEmpty()) {
      throw ApiException.badRequest("missing-year", "Missing year", "A report is about a year: add ?year=2021");
    }
    int value = DIGITS.matcher(year).matches() ? Integer.parseInt(year) : 0;
    if (value == 0) {
      throw ApiException.badRequest("invalid-year", "Invalid year",
          "year is a number from 1 to 9999, not '" + year + "'");
    }
    return value;
  }
}
