package dev.rowgate.ingest.csv;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import dev.rowgate.avro.RawField;
import dev.rowgate.ingest.publish.BatchSink;
import dev.rowgate.schema.Table;
import dev.rowgate.service.problem.ApiException;

/**
 * Streams the rows of a CSV file (RFC 4180 quoting, CRLF or LF, a UTF-8 BOM, with or without a
 * header, with or without a final newline) in constant memory. Each row keeps the line it starts
 * on. Values are named by the header, or by the table's column order; values beyond those names
 * are named {@code column_<n>}. Bytes that are not valid in the file's charset stop the file, and
 * so do a record beyond the parser's limits (16,384 fields, 16M characters in a field) and a quote
 * still open at the end of the file, which would make the lines after it one value.
 *
 * <p>{@link #open} reads up to the first row, so that a file without rows, or unreadable from its
 * start, is refused before a batch exists; {@link #publish} hands that row and the rest to a batch.
 */
final class CsvRows implements AutoCloseable {

  private final CsvReader<CsvRecord> csv;
  private final Iterator<CsvRecord> records;
  private final List<String> names;
  private final CsvRecord first;
  private final Charset charset;

  private CsvRows(CsvReader<CsvRecord> csv, Iterator<CsvRecord> records, List<String> names, CsvRecord first,
                  Charset charset) {
    this.csv = csv;
    this.records = records;
    this.names = names;
    this.first = first;
    this.charset = charset;
  }

  /** @throws ApiException 400 when the file holds no row, or cannot be read up to its first one */
  static CsvRows open(InputStream content, Charset charset, Table table, HeaderMode headerMode) {
    Reader reader = new InputStreamReader(content, charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    CsvReader<CsvRecord> csv;
    try {
      csv = CsvReader.builder().extraFieldStrategy(FieldMismatchStrategy.IGNORE)
          .missingFieldStrategy(FieldMismatchStrategy.IGNORE).allowExtraCharsAfterClosingQuote(true)
          .allowUnclosedQuote(false).skipEmptyLines(true).ofCsvRecord(withoutBom(reader));
    } catch (IOException e) {
      throw unreadable(why(e, charset));
    }
    try {
      Iterator<CsvRecord> records = csv.iterator();
      CsvRecord first = records.hasNext() ? records.next() : null;
      List<String> names = table.columnNames();
      boolean header = first != null && isHeader(first, table, headerMode);
      if (header) {
        names = first.getFields().stream().map(CsvRows::columnName).toList();
        first = records.hasNext() ? records.next() : null;
      }
      if (first == null) {
        throw ApiException.badRequest("empty-file", "No rows in the file",
            (header ? "The file holds a header and no rows" : "The file holds no rows") + "; nothing was published");
      }
      return new CsvRows(csv, records, names, first, charset);
    } catch (UncheckedIOException e) {
      throw closing(csv, unreadable(why(e.getCause(), charset)));
    } catch (CsvParseException e) {
      throw closing(csv, unreadable(e.getMessage()));
    } catch (RuntimeException e) {
      throw closing(csv, e);
    }
  }

  /** Hands every row of the file to the sink, in order, from its first. */
  void publish(BatchSink sink) {
    int index = 0;
    sink.row(index++, first.getStartingLineNumber(), fields(first));
    try {
      while (records.hasNext()) {
        CsvRecord record = records.next();
        sink.row(index++, record.getStartingLineNumber(), fields(record));
      }
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("cannot read the CSV file: " + why(e.getCause(), charset), e.getCause());
    } catch (CsvParseException e) {
      throw new IllegalArgumentException("cannot read the CSV file: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      csv.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the CSV file", e);
    }
  }

  /** What a client can do something about: its bytes, or its connection, rather than a bare exception. */
  private static String why(IOException e, Charset charset) {
    if (e instanceof CharacterCodingException) {
      return "bytes that are not valid " + charset.name() + " (" + e.getMessage() + "); name the file's charset in "
          + "Content-Type, e.g. text/csv; charset=ISO-8859-1";
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof EOFException) {
        return "the request ended before its body did (the client closed the connection)";
      }
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  private static ApiException unreadable(String why) {
    return ApiException.badRequest("unreadable-input", "Input could not be read",
        "cannot read the CSV file: " + why + "; nothing was published");
  }

  private static RuntimeException closing(CsvReader<CsvRecord> csv, RuntimeException failure) {
    try {
      csv.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
    return failure;
  }

  private List<RawField> fields(CsvRecord record) {
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
