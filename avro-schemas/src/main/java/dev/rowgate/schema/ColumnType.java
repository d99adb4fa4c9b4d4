package dev.rowgate.schema;

/** The types a column of the data dictionary can have, and their PostgreSQL counterparts. */
public enum ColumnType {
  /** A 32-bit integer within the column's range; {@code integer}. */
  INTEGER,
  /** Text that is not blank and within the column's length; {@code varchar(n)}. */
  TEXT,
  /** An ISO-8601 date-time with an offset; {@code timestamptz}. */
  TIMESTAMP
}
