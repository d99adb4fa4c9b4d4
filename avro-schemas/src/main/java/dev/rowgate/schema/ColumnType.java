package dev.rowgate.schema;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The types a column can have, as a definition file names them. */
public enum ColumnType {
  /** A 32-bit integer; PostgreSQL {@code integer}, Avro int, Java Integer. */
  INTEGER,
  /** A 64-bit integer; {@code bigint}, long, Long. */
  BIGINT,
  /** An exact number of a precision and scale; {@code numeric(p, s)}, Avro decimal, BigDecimal. */
  DECIMAL,
  /** Text; {@code varchar(n)} with a max_length, else {@code text}; string, String. */
  TEXT,
  /** {@code boolean}, boolean, Boolean. */
  BOOLEAN,
  /** A calendar date; {@code date}, Avro date, LocalDate. */
  DATE,
  /** An ISO-8601 date-time with an offset; {@code timestamptz}, Avro timestamp-micros, Instant. */
  TIMESTAMP,
  /** {@code uuid}, Avro uuid, UUID. */
  UUID;

  /** The type's name in a definition file. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ColumnType> of(String word) {
    return Arrays.stream(values()).filter(type -> type.word().equals(word)).findFirst();
  }

  /** Every type's name, for a message that lists them. */
  public static String words() {
    return Arrays.stream(values()).map(ColumnType::word).collect(Collectors.joining(", "));
  }

  /** Whether min and max compare its values. */
  public boolean isOrdered() {
    return this != TEXT && this != BOOLEAN && this != UUID;
  }

  /** Whether its min and max are numbers, rather than dates or times. */
  public boolean isNumber() {
    return this == INTEGER || this == BIGINT || this == DECIMAL;
  }
}
