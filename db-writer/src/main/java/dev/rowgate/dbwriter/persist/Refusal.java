package dev.rowgate.dbwriter.persist;

import java.util.List;

import dev.rowgate.avro.Reason;
import dev.rowgate.dbwriter.errors.Reject;
import dev.rowgate.schema.Table;
import org.apache.avro.generic.GenericRecord;

/**
 * A valid row the writer did not write, and why: it names a referenced row that is not there (it
 * may wait for it), or the database refused it.
 */
record Refusal(GenericRecord row, List<Reason> reasons) {

  static final String REFERENCE = "reference";

  /** Whether every reason is a missing referenced row, which may still arrive. */
  boolean missesReferences() {
    return reasons.stream().allMatch(r -> REFERENCE.equals(r.getRule()));
  }

  Reject reject(Table table) {
    return RowSplit.refuse(table, row, reasons);
  }
}
