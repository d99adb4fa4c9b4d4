package dev.rowgate.schema;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a table or column may be called: a plain SQL identifier (lower-case letters, digits and
 * underscores, not starting with a digit), which also makes a valid Avro name and Kafka topic
 * name, and none of the names rowgate keeps for itself or PostgreSQL for its system columns.
 */
public final class Names {

  /** Long enough for {@code <table>_errors} and PostgreSQL's own names made from it within its 63 bytes. */
  public static final int MAX_TABLE = 48;
  public static final int MAX_COLUMN = 63;

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final Set<String> ROWGATE_TABLES = Set.of("ingest_batches", "idempotency_keys", "writer_offsets",
      "backup_operations", "reference_waits", "table_definitions", "table_schemas", "flyway_schema_history");
  private static final Set<String> SYSTEM_COLUMNS = Set.of("tableoid", "xmin", "cmin", "xmax", "cmax", "ctid", "oid");

  private Names() {
  }

  /** Why {@code name} cannot name a table, if it cannot. */
  public static Optional<String> tableProblem(String name) {
    Optional<String> plain = identifierProblem("table", name, MAX_TABLE);
    if (plain.isPresent()) {
      return plain;
    }
    if (name.endsWith("_errors")) {
      return Optional.of("table name '" + name + "' ends in _errors, which names the errors table of another table");
    }
    if (name.startsWith("rowgate_") || name.startsWith("pg_") || ROWGATE_TABLES.contains(name)) {
      return Optional.of("table name '" + name + "' is one rowgate or PostgreSQL keeps for itself");
    }
    return Optional.empty();
  }

  /** Why {@code name} cannot name a column, if it cannot. */
  public static Optional<String> columnProblem(String name) {
    Optional<String> plain = identifierProblem("column", name, MAX_COLUMN);
    if (plain.isPresent()) {
      return plain;
    }
    if (name.startsWith("rowgate_") || SYSTEM_COLUMNS.contains(name)) {
      return Optional.of("column name '" + name + "' is one rowgate or PostgreSQL keeps for itself");
    }
    return Optional.empty();
  }

  private static Optional<String> identifierProblem(String what, String name, int maxLength) {
    if (!IDENTIFIER.matcher(name).matches()) {
      return Optional.of(what + " name '" + name + "' is not a plain SQL identifier: lower-case letters, digits and "
          + "underscores, not starting with a digit");
    }
    if (name.length() > maxLength) {
      return Optional.of(what + " name '" + name + "' has " + name.length() + " characters, more than " + maxLength);
    }
    return Optional.empty();
  }
}
