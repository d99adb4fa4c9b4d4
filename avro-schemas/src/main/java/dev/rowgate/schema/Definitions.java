package dev.rowgate.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data dictionary: every table of one version of the definitions, each after the tables it
 * references (the order tables are loaded and written in). Version 0 is no version: definitions
 * read from files that are not applied yet, or none at all.
 */
public final class Definitions {

  public static final Definitions NONE = new Definitions(0, List.of());

  private final int version;
  private final List<Table> tables;
  private final Map<String, Table> byName = new LinkedHashMap<>();

  /** @throws IllegalArgumentException when the tables' references form a cycle or name a table not among them */
  public Definitions(int version, List<Table> tables) {
    this.version = version;
    this.tables = inLoadOrder(tables);
    this.tables.forEach(table -> byName.put(table.name(), table));
  }

  public int version() {
    return version;
  }

  /** Every table, each after those it references, otherwise by name. */
  public List<Table> tables() {
    return tables;
  }

  public List<String> names() {
    return tables.stream().map(Table::name).toList();
  }

  public List<TableDefinition> definitions() {
    return tables.stream().map(Table::definition).toList();
  }

  public boolean isEmpty() {
    return tables.isEmpty();
  }

  public Optional<Table> table(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The table of a rowgate topic, e.g. {@code rowgate.jobs.raw}. */
  public Optional<Table> tableOfTopic(String topic) {
    try {
      return table(Topics.tableOf(topic));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether these are the same tables, defined alike, whatever their versions and files. */
  public boolean sameAs(List<TableDefinition> others) {
    if (others.size() != tables.size()) {
      return false;
    }
    for (TableDefinition other : others) {
      Optional<Table> mine = table(other.name());
      if (mine.isEmpty() || !mine.get().definition().sameAs(other)) {
        return false;
      }
    }
    return true;
  }

  private static List<Table> inLoadOrder(List<Table> tables) {
    List<Table> pending = new ArrayList<>(tables);
    pending.sort(Comparator.comparing(Table::name));
    List<Table> ordered = new ArrayList<>();
    List<String> placed = new ArrayList<>();
    while (!pending.isEmpty()) {
      Optional<Table> next = pending.stream().filter(table -> table.referenceColumns().stream()
          .allMatch(column -> placed.contains(column.references().table()))).findFirst();
      if (next.isEmpty()) {
        throw new IllegalArgumentException("the references of " + pending.stream().map(Table::name).toList()
            + " form a cycle or name a table that is not defined");
      }
      ordered.add(next.get());
      placed.add(next.get().name());
      pending.remove(next.get());
    }
    return List.copyOf(ordered);
  }
}
