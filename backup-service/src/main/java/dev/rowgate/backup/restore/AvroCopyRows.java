package dev.rowgate.backup.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import dev.rowgate.backup.catalog.BackupTimestamps;
import dev.rowgate.backup.catalog.ColumnShape;
import dev.rowgate.backup.operation.Operation;
import dev.rowgate.service.copy.CopyText;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * The rows of a backup file as COPY text for the table's current columns, read with the table's
 * schema (Avro resolves the file's schema into it), in pieces of about a megabyte.
 */
final class AvroCopyRows {

  private static final int PIECE = 1 << 20;

  private AvroCopyRows() {
  }

  static void write(Path file, Schema tableSchema, List<ColumnShape> columns, Operation operation,
                    Consumer<byte[]> sink) {
    try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(),
        new GenericDatumReader<>(null, tableSchema))) {
      CopyText copy = new CopyText();
      GenericRecord record = null;
      long pending = 0;
      while (reader.hasNext()) {
        record = reader.next(record);
        for (int i = 0; i < columns.size(); i++) {
          value(copy, columns.get(i).type(), record.get(i));
        }
        copy.endRow();
        pending++;
        if (copy.length() >= PIECE) {
          sink.accept(copy.takeBytes());
          operation.progress(pending);
          pending = 0;
        }
      }
      sink.accept(copy.takeBytes());
      operation.progress(pending);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void value(CopyText copy, String type, Object value) {
    if (value == null) {
      copy.nul();
      return;
    }
    switch (type) {
      case "timestamptz" -> copy.text(BackupTimestamps.copyText((Long) value));
      case "bytea" -> {
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        copy.bytes(bytes);
      }
      case "bool" -> copy.text((Boolean) value ? "t" : "f");
      default -> copy.text(value.toString());
    }
  }
}
