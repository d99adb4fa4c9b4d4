package dev.rowgate.ingest.publish;

import java.util.List;

import dev.rowgate.avro.RawField;

/** Where a reader of a request puts the rows it finds. */
@FunctionalInterface
public interface BatchSink {

  /**
   * @param index the row's 0-based position among the batch's rows
   * @param line  the CSV line where the row starts, or null for JSON
   */
  void row(int index, Long line, List<RawField> fields);
}
