package dev.rowgate.ingest.web;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.rowgate.service.problem.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Answers that are JSON by default, and CSV for {@code Accept: text/csv} or {@code ?format=csv}. */
public final class CsvOrJson {

  public static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

  private CsvOrJson() {
  }

  /**
   * True when the request asks for CSV: by {@code format} if given, else by the first type of its
   * Accept header, by quality, that is JSON or CSV.
   *
   * @param what what the endpoint answers, for the 406 problem
   */
  public static boolean wantsCsv(String format, String accept, String what) {
    if (format != null) {
      return switch (format) {
        case "csv" -> true;
        case "json" -> false;
        default -> throw ApiException.badRequest("bad-format", "Bad format", "format is csv or json, not '" + format + "'");
      };
    }
    if (accept == null) {
      return false;
    }
    List<MediaType> types = MediaType.parseMediaTypes(accept);
    types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed()
        .thenComparing(MediaType::isWildcardType).thenComparing(MediaType::isWildcardSubtype));
    for (MediaType type : types) {
      if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
        return false;
      }
      if (type.isCompatibleWith(CSV)) {
        return true;
      }
    }
    throw new ApiException(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable",
        what + " are application/json or text/csv");
  }

  /** A header row and the rows, RFC 4180 with CRLF; a null value is an empty one. */
  public static String csv(List<String> header, List<List<String>> rows) {
    StringWriter out = new StringWriter();
    try (CsvWriter writer = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out)) {
      writer.writeRecord(header);
      rows.forEach(writer::writeRecord);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write CSV to memory", e);
    }
    return out.toString();
  }
}
