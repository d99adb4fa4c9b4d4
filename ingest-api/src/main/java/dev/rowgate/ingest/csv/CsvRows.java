package dev.rowgate.ingest.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.rowgate.avro.RawField;
import dev.rowgate.ingest.publish.BatchSink;
import dev.rowgate.schema.Table;

/**
 * Streams the rows of a CSV file (RFC 4180 quoting, CRLF or LF, a UTF-8 BOM, with or without a
 * header, with or without a final newline) in constant memory. Each row keeps the line it starts
 * on. Values are named by the header, or by the table's column order; values beyond those names
 * are named {@code column_<n>}. Bytes that are not valid in the file's charset stop the file.
 */
final class CsvRows {

  private CsvRows() {
  }

  static void read(InputStream content, Charset charset, Table table, HeaderMode headerMode, BatchSink sink) {
    Reader reader = new InputStreamReader(content, charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    try (CsvReader<CsvRecord> csv = CsvReader.builder().allowExtraFields(true).allowMissingFields(true)
        .allowExtraCharsAfterClosingQuote(true).skipEmptyLines(true).ofCsvRecord(withoutBom(reader))) {
      List<String> names = table.columnNames();
      int index = 0;
      boolean first = true;
      for (CsvRecord record : csv) {
        if (first) {
          first = false;
          if (isHeader(record, table, headerMode)) {
            names = record.getFields().stream().map(CsvRows::columnName).toList();
            continue;
          }
        }
        sink.row(index++, record.getStartingLineNumber(), fields(names, record));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CSV file: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("cannot read the CSV file: " + e.getCause().getMessage(), e.getCause());
    }
  }

  private static List<RawField> fields(List<String> names, CsvRecord record) {
    List<RawField> fields = new ArrayList<>(record.getFieldCount());
    for (int i = 0; i < record.getFieldCount(); i++) {
      String name = i < names.size() ? names.get(i) : "column_" + (i + 1);
      fields.add(new RawField(name, record.getField(i)));
    }
    return fields;
  }

  private static boolean isHeader(CsvRecord record, Table table, HeaderMode mode) {
    return switch (mode) {
      case TRUE -> true;
      case FALSE -> false;
      case AUTO -> record.getFields().stream().allMatch(value -> table.column(columnName(value)).isPresent());
    };
  }

  private static String columnName(String headerValue) {
    return headerValue.strip().toLowerCase(Locale.ROOT);
  }

  /** Skips a byte order mark at the start. */
  private static Reader withoutBom(Reader reader) throws IOException {
    PushbackReader pushback = new PushbackReader(reader, 1);
    int first = pushback.read();
    if (first != -1 && first != '\uFEFF') {
      pushback.unread(first);
    }
    return pushback;
  }
}
