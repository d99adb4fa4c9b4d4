package dev.rowgate.ingest.csv;

/** Whether the first record of a CSV file names the columns. */
enum HeaderMode {
  /** A header when every value of the first record is a column name of the table. */
  AUTO,
  /** The first record is the header. */
  TRUE,
  /** Every record is a row. */
  FALSE
}
