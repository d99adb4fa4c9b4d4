package dev.rowgate.service.definitions;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every Avro schema that rowgate has written valid rows with, kept in {@code table_schemas} by
 * fingerprint: the writer schemas that a valid record may name, across versions, restarts and
 * instances. A fingerprint not seen yet is looked up in the database.
 */
public final class SchemaHistory implements SchemaStore {

  private static final String ONE = "SELECT schema FROM table_schemas WHERE fingerprint = :fingerprint";
  private static final String OF_TABLE = "SELECT schema FROM table_schemas WHERE table_name = :table ORDER BY first_version, recorded_at";

  private final JdbcClient jdbc;
  private final Map<Long, Schema> known = new ConcurrentHashMap<>();

  public SchemaHistory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The schema of this fingerprint, or null when rowgate never recorded it. */
  @Override
  public Schema findByFingerprint(long fingerprint) {
    Schema schema = known.get(fingerprint);
    if (schema != null) {
      return schema;
    }
    List<String> found = jdbc.sql(ONE).param("fingerprint", fingerprint).query(String.class).list();
    if (found.isEmpty()) {
      return null;
    }
    Schema parsed = new Schema.Parser().parse(found.get(0));
    known.put(fingerprint, parsed);
    return parsed;
  }

  /** Every schema recorded for a table, oldest first. */
  public List<Schema> ofTable(String table) {
    return jdbc.sql(OF_TABLE).param("table", table).query(String.class).list().stream().map(text -> new Schema.Parser().parse(text))
        .toList();
  }
}
