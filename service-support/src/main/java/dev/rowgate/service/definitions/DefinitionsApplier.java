package dev.rowgate.service.definitions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.rowgate.schema.DefinitionException;
import dev.rowgate.schema.Definitions;
import dev.rowgate.schema.DefinitionsJson;
import dev.rowgate.schema.Table;
import dev.rowgate.schema.TableDefinition;
import dev.rowgate.schema.ValidRowSchema;
import dev.rowgate.schema.registry.SchemaRegistry;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies table definitions to the database in one transaction, as one new version: the tables and
 * errors tables made or changed, every table's valid-row schema recorded, and the definitions
 * recorded with the version, so that every service of every instance follows it. Instances
 * applying at once take turns (an advisory lock); a change that is refused changes nothing.
 */
public final class DefinitionsApplier {

  /**
   * What applying did.
   *
   * @param version the version applied now (the new one, or the one that was already applied)
   * @param changed whether a new version was recorded (or, in a dry run, would be)
   * @param changes what changed, for people
   */
  public record Applied(int version, boolean changed, List<String> changes, boolean dryRun) {
  }

  private static final Logger log = LoggerFactory.getLogger(DefinitionsApplier.class);

  /** One applier at a time, across instances and services. */
  private static final String LOCK = "SELECT pg_advisory_xact_lock(1919907688)";
  private static final String VERSIONS = "SELECT version, definitions::text FROM table_definitions ORDER BY version DESC";
  private static final String RECORD_SCHEMA = """
      INSERT INTO table_schemas (fingerprint, table_name, schema, first_version) VALUES (:fingerprint, :table, :schema, :version)
      ON CONFLICT (fingerprint) DO NOTHING""";
  private static final String RECORD = """
      INSERT INTO table_definitions (version, definitions, schemas, applied_by, changes)
      VALUES (:version, :definitions::jsonb, :schemas::jsonb, :appliedBy, :changes::jsonb)""";

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final SchemaHistory history;
  private final StoredRows storedRows;
  private final long lockTimeoutMillis;
  private final SchemaRegistry registry;

  /** @param registry the schema registry whose compatibility rules a change must keep, or null for none */
  public DefinitionsApplier(JdbcClient jdbc, PlatformTransactionManager transactions, Duration lockTimeout,
                            SchemaRegistry registry) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.history = new SchemaHistory(jdbc);
    this.storedRows = new StoredRows(jdbc);
    this.lockTimeoutMillis = lockTimeout.toMillis();
    this.registry = registry;
  }

  /**
   * Applies the definitions that a starting instance read from its files. Files equal to a version
   * applied before the latest are an instance of an earlier release (a rolling restart): it
   * follows the latest version instead of taking the database back.
   */
  public Applied applyAtStart(Definitions files, String appliedBy) {
    return run(files, appliedBy, false, true);
  }

  /**
   * @param dryRun check and make the change, then roll it back: what would change, or what refuses it
   * @throws DefinitionException when the change is refused, with every problem
   */
  public Applied apply(Definitions files, String appliedBy, boolean dryRun) {
    return run(files, appliedBy, dryRun, false);
  }

  private Applied run(Definitions files, String appliedBy, boolean dryRun, boolean atStart) {
    Applied applied = transaction.execute(status -> {
      jdbc.sql("SET LOCAL lock_timeout = " + lockTimeoutMillis).update();
      jdbc.sql(LOCK).query().listOfRows();
      List<Map.Entry<Integer, List<TableDefinition>>> versions = jdbc.sql(VERSIONS)
          .query((rs, i) -> Map.entry(rs.getInt(1), DefinitionsJson.read(rs.getString(2)))).list();
      int current = versions.isEmpty() ? 0 : versions.get(0).getKey();
      List<TableDefinition> now = versions.isEmpty() ? List.of() : versions.get(0).getValue();
      if (current > 0 && files.sameAs(now)) {
        return new Applied(current, false, List.of(), dryRun);
      }
      if (atStart) {
        Optional<Integer> earlier = versions.stream().filter(v -> files.sameAs(v.getValue())).map(Map.Entry::getKey)
            .findFirst();
        if (earlier.isPresent()) {
          return new Applied(current, false, List.of("the files are those of version " + earlier.get()
              + ", older than version " + current + ", which stays applied"), false);
        }
      }
      DefinitionsPlan plan = DefinitionsPlan.of(now, files, existing(now, files));
      checkStoredRows(plan);
      checkRegistry(plan, files);
      if (!plan.problems.isEmpty()) {
        throw new DefinitionException(plan.problems);
      }
      List<String> changes = new ArrayList<>();
      for (DefinitionsPlan.Step step : plan.steps) {
        step.sql().forEach(sql -> jdbc.sql(sql).update());
        changes.add(step.change());
      }
      int version = current + 1;
      record(files, version, appliedBy, changes);
      if (dryRun) {
        status.setRollbackOnly();
      }
      return new Applied(version, true, changes, dryRun);
    });
    if (applied.changed() && !dryRun) {
      log.info("applied table definitions version {} ({}): {}", applied.version(), appliedBy,
          String.join("; ", applied.changes()));
      register(files);
    }
    return applied;
  }

  /**
   * With a schema registry, adds a problem for each table whose new valid-row schema the
   * compatibility rule of its subject ({@code rowgate.<table>.valid-value}) refuses, with the
   * registry's answer. A registry that does not answer fails the apply: a change is not made unchecked.
   */
  private void checkRegistry(DefinitionsPlan plan, Definitions files) {
    if (registry == null || !plan.problems.isEmpty()) {
      return;
    }
    for (Table table : files.tables()) {
      registry.incompatibility(SchemaRegistry.valueSubject(table.validTopic()), validSchema(table))
          .ifPresent(why -> plan.refuse(table.definition(), null, why));
    }
  }

  /**
   * Registers each table's valid-row schema under its subject once applied, so that consumers of
   * the registry know it before the first row of it; the validator registers it too when it writes
   * one, so a registry that does not answer now only delays that.
   */
  private void register(Definitions files) {
    if (registry == null) {
      return;
    }
    for (Table table : files.tables()) {
      try {
        registry.register(SchemaRegistry.valueSubject(table.validTopic()), validSchema(table));
      } catch (SchemaRegistry.Unavailable | SchemaRegistry.Refused e) {
        log.warn("cannot register the valid-row schema of {} yet; the validator registers it when it writes a row "
            + "of it: {}", table.name(), e.getMessage());
      }
    }
  }

  private Schema validSchema(Table table) {
    return ValidRowSchema.of(table.definition(), history.ofTable(table.name()));
  }

  /** What the database holds of every table either version names, and of their errors tables. */
  private Map<String, ExistingTable> existing(List<TableDefinition> now, Definitions files) {
    Set<String> names = new LinkedHashSet<>();
    now.forEach(table -> names.add(table.name()));
    names.addAll(files.names());
    Map<String, ExistingTable> existing = new LinkedHashMap<>();
    for (String name : names) {
      for (String table : List.of(name, name + "_errors")) {
        ExistingTable.read(jdbc, table).ifPresent(found -> existing.put(table, found));
      }
    }
    return existing;
  }

  /** Adds a problem for each table whose stored rows break its new rules or name rows that are not there. */
  private void checkStoredRows(DefinitionsPlan plan) {
    if (!plan.problems.isEmpty()) {
      return;
    }
    Set<String> created = new LinkedHashSet<>();
    plan.steps.stream().filter(step -> step.change().startsWith("created table "))
        .forEach(step -> created.add(step.change().substring("created table ".length())));
    for (DefinitionsPlan.RowCheck check : plan.rowChecks) {
      storedRows.breaking(check.table(), check.column())
          .ifPresent(why -> plan.refuse(check.table(), check.column(), why));
    }
    for (DefinitionsPlan.RowCheck check : plan.referenceChecks) {
      if (!created.contains(check.table().name())) {
        Optional<String> why = created.contains(check.column().references().table())
            ? storedRows.anyValue(check.table(), check.column()).map(value -> "rows the table holds name "
                + check.column().references().table() + " " + value + ", and that table is new and empty")
            : storedRows.unreferenced(check.table(), check.column());
        why.ifPresent(problem -> plan.refuse(check.table(), check.column(), problem));
      }
    }
  }

  /** Records every table's valid-row schema (new ones with the version) and the definitions with the version. */
  private void record(Definitions files, int version, String appliedBy, List<String> changes) {
    Map<String, Long> fingerprints = new LinkedHashMap<>();
    for (Table table : files.tables()) {
      Schema schema = validSchema(table);
      long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
      jdbc.sql(RECORD_SCHEMA).param("fingerprint", fingerprint).param("table", table.name())
          .param("schema", schema.toString()).param("version", version).update();
      fingerprints.put(table.name(), fingerprint);
    }
    JsonMapper json = JsonMapper.shared();
    jdbc.sql(RECORD).param("version", version).param("definitions", DefinitionsJson.write(files.definitions()))
        .param("schemas", json.writeValueAsString(fingerprints)).param("appliedBy", appliedBy)
        .param("changes", json.writeValueAsString(changes)).update();
  }
}
