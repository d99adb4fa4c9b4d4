package dev.rowgate.service.definitions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.rowgate.schema.Column;
import dev.rowgate.schema.DefinitionException;
import dev.rowgate.schema.Definitions;
import dev.rowgate.schema.Table;
import dev.rowgate.schema.TableDefinition;
import dev.rowgate.service.sql.Sql;

/**
 * What applying new definitions over the applied ones does, found before anything changes: the
 * steps (each a change and its DDL), the stored rows to check against rules that became stricter
 * or that a table taken over must keep, and the problems that refuse the whole change. Additive
 * changes apply; a table or column dropped, a key or type changed, columns reordered, a new column
 * that every row must give, or a table that exists and differs from its definition, are refused.
 */
final class DefinitionsPlan {

  /** A change and the statements that make it. */
  record Step(String change, List<String> sql) {
  }

  /** A column whose stored values must keep its rules (and be given, if required). */
  record RowCheck(TableDefinition table, Column column) {
  }

  final List<Step> steps = new ArrayList<>();
  final List<RowCheck> rowChecks = new ArrayList<>();
  /** Reference columns whose stored values must name rows that exist, before their foreign key is added. */
  final List<RowCheck> referenceChecks = new ArrayList<>();
  final List<DefinitionException.Problem> problems = new ArrayList<>();

  private DefinitionsPlan() {
  }

  /**
   * @param applied  the tables of the version applied now (none before the first)
   * @param files    the tables to apply
   * @param existing what the database holds of every table named by either, and of their errors tables
   */
  static DefinitionsPlan of(List<TableDefinition> applied, Definitions files, Map<String, ExistingTable> existing) {
    DefinitionsPlan plan = new DefinitionsPlan();
    Map<String, TableDefinition> before = new LinkedHashMap<>();
    applied.forEach(table -> before.put(table.name(), table));
    for (TableDefinition table : applied) {
      if (files.table(table.name()).isEmpty()) {
        plan.refuse(table, null, "dropped: the applied version defines the table and no file does now; a table is "
            + "not dropped (its rows, errors and topics stay), so its file stays too");
      }
    }
    for (Table table : files.tables()) {
      TableDefinition after = table.definition();
      TableDefinition was = before.get(after.name());
      ExistingTable found = existing.get(after.name());
      if (was != null && found == null) {
        plan.refuse(after, null, "the applied version defines the table, but the database has no such table");
      } else if (was != null) {
        plan.change(was, after, found);
      } else if (found != null) {
        plan.takeOver(after, found, existing.get(after.name() + "_errors"));
      } else {
        plan.create(after, existing.get(after.name() + "_errors"));
      }
    }
    return plan;
  }

  private void create(TableDefinition table, ExistingTable errors) {
    steps.add(new Step("created table " + table.name(), TableDdl.create(table)));
    table.columns().stream().filter(Column::isReference).forEach(column -> referenceChecks.add(new RowCheck(table, column)));
    errorsTable(table, errors);
  }

  private void errorsTable(TableDefinition table, ExistingTable errors) {
    if (errors == null) {
      steps.add(new Step("created table " + table.name() + "_errors", TableDdl.errorsTable(table)));
      return;
    }
    List<String> missing = TableDdl.ERRORS_COLUMNS.stream().filter(c -> !errors.columns().containsKey(c)).toList();
    if (!missing.isEmpty()) {
      refuse(table, null, "the database holds a table " + errors.name() + ", which lacks the columns " + missing
          + " of an errors table; rename or drop it, and apply again");
    }
  }

  /** A table created by hand: taken over when it is what its definition makes, refused with the differences when not. */
  private void takeOver(TableDefinition table, ExistingTable found, ExistingTable errors) {
    List<String> differences = new ArrayList<>();
    for (Column column : table.columns()) {
      ExistingTable.ExistingColumn has = found.columns().get(column.name());
      if (has == null) {
        differences.add("it has no column " + column.name());
      } else if (!has.type().equals(Sql.formattedType(column))) {
        differences.add("column " + column.name() + " is " + has.type() + ", the definition makes it "
            + Sql.formattedType(column));
      } else if (has.notNull() != column.required()) {
        differences.add("column " + column.name() + (has.notNull() ? " is not null" : " may be null")
            + ", the definition makes it " + (column.required() ? "required" : "optional"));
      }
    }
    found.columns().keySet().stream().filter(name -> table.column(name).isEmpty())
        .forEach(name -> differences.add("its column " + name + " is not in the definition"));
    if (!found.primaryKey().equals(table.key())) {
      differences.add(found.primaryKey().isEmpty() ? "it has no primary key; the definition's key is " + table.key()
          : "its primary key is " + found.primaryKey() + ", the definition's key is " + table.key());
    }
    for (Column column : table.columns()) {
      ExistingTable.ForeignKey key = found.foreignKeys().get(column.name());
      if (column.isReference() && key != null && !(key.table().equals(column.references().table())
          && key.column().equals(column.references().column()))) {
        differences.add("its foreign key on " + column.name() + " names " + key.table() + "." + key.column()
            + ", the definition references " + column.references().table());
      }
    }
    if (!differences.isEmpty()) {
      refuse(table, null, "the database holds a table of this name that differs from its definition: "
          + String.join("; ", differences) + "; change the table or the definition, or drop the table");
      return;
    }
    List<String> sql = new ArrayList<>();
    for (Column column : table.columns()) {
      rowChecks.add(new RowCheck(table, column));
      if (column.isReference() && !found.foreignKeys().containsKey(column.name())) {
        referenceChecks.add(new RowCheck(table, column));
        sql.add(TableDdl.foreignKey(table, column));
        if (!found.indexed().contains(column.name())) {
          sql.add(TableDdl.index(table, column));
        }
      }
    }
    sql.addAll(TableDdl.comments(table));
    steps.add(new Step("took over table " + table.name() + ", which exists and matches its definition", sql));
    errorsTable(table, errors);
  }

  private void change(TableDefinition before, TableDefinition after, ExistingTable found) {
    if (!before.key().equals(after.key())) {
      refuse(after, null, "the key changes from " + before.key() + " to " + after.key() + "; a table's key does not change");
    }
    List<String> kept = after.columns().stream().map(Column::name).filter(name -> before.column(name).isPresent())
        .toList();
    for (Column column : before.columns()) {
      if (after.column(column.name()).isEmpty()) {
        refuse(after, column, "dropped (a rename is a drop and an add): the rows the table holds and the records in its "
            + "topics have values for it; a column is not dropped");
      }
    }
    List<String> was = before.columns().stream().map(Column::name).filter(kept::contains).toList();
    int firstNew = firstNewColumn(before, after);
    if (!kept.equals(was) || firstNew < kept.size()) {
      refuse(after, null, "columns change their order, or a new column comes before an existing one: CSV files without "
          + "a header give their values in the column order, so new columns go after the existing ones");
    }
    for (Column column : after.columns()) {
      Optional<Column> old = before.column(column.name());
      if (old.isPresent()) {
        changeColumn(after, old.get(), column, found);
      } else {
        addColumn(after, column);
      }
    }
    if (!before.description().equals(after.description())) {
      steps.add(new Step(after.name() + ": description changed", List.of("COMMENT ON TABLE " + Sql.name(after.name())
          + " IS " + (after.description().isEmpty() ? "NULL" : Sql.literal(after.description())))));
    }
  }

  private static int firstNewColumn(TableDefinition before, TableDefinition after) {
    for (int i = 0; i < after.columns().size(); i++) {
      if (before.column(after.columns().get(i).name()).isEmpty()) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  private void addColumn(TableDefinition table, Column column) {
    if (column.mustBeGiven()) {
      refuse(table, column, "a new column that every row must give, without a default: the rows the table holds and the "
          + "records in its topics have no value for it; make it optional (required: false) or give it a default");
      return;
    }
    List<String> sql = new ArrayList<>(List.of(TableDdl.alter(table, "ADD COLUMN " + TableDdl.column(column))));
    if (column.isReference()) {
      referenceChecks.add(new RowCheck(table, column));
      sql.add(TableDdl.foreignKey(table, column));
      sql.add(TableDdl.index(table, column));
    }
    if (!column.description().isEmpty()) {
      sql.add(TableDdl.comment(table, column));
    }
    steps.add(new Step(table.name() + ": column " + column.name() + " added (" + column.typeText() + ", "
        + (column.required() ? "required" : "optional") + (column.hasDefault() ? ", default " + column.defaultValue() : "")
        + ")", sql));
  }

  private void changeColumn(TableDefinition table, Column before, Column after, ExistingTable found) {
    if (!before.typeText().equals(after.typeText())) {
      refuse(table, after, "the type changes from " + before.typeText() + " to " + after.typeText() + ": the rows the "
          + "table holds and the records in its topics are of the old type; a column's type does not change");
      return;
    }
    String name = table.name() + "." + after.name();
    List<String> sql = new ArrayList<>();
    List<String> changes = new ArrayList<>();
    String column = "ALTER COLUMN " + Sql.name(after.name());
    if (before.required() != after.required()) {
      sql.add(TableDdl.alter(table, column + (after.required() ? " SET NOT NULL" : " DROP NOT NULL")));
      changes.add(after.required() ? "now required" : "now optional");
    }
    if (!Objects.equals(before.rules().maxLength(), after.rules().maxLength())) {
      sql.add(TableDdl.alter(table, column + " TYPE " + Sql.type(after)));
      changes.add(after.rules().maxLength() == null ? "of any length" : "up to " + after.rules().maxLength()
          + " characters");
    }
    if (!Objects.equals(before.defaultValue(), after.defaultValue())) {
      sql.add(TableDdl.alter(table, column + (after.hasDefault() ? " SET DEFAULT " + TableDdl.defaultValue(after)
          : " DROP DEFAULT")));
      changes.add(after.hasDefault() ? "default " + after.defaultValue() : "no default");
    }
    if (!Objects.equals(before.references(), after.references())) {
      ExistingTable.ForeignKey key = found.foreignKeys().get(after.name());
      if (key != null) {
        sql.add(TableDdl.alter(table, "DROP CONSTRAINT " + Sql.name(key.constraint())));
      }
      if (after.isReference()) {
        referenceChecks.add(new RowCheck(table, after));
        sql.add(TableDdl.foreignKey(table, after));
        if (!found.indexed().contains(after.name())) {
          sql.add(TableDdl.index(table, after));
        }
      }
      changes.add(after.isReference() ? "references " + after.references().table() : "references no table");
    }
    if (!withoutLength(before.rules()).equals(withoutLength(after.rules()))) {
      changes.add("rules " + describe(after.rules()));
    }
    if (stricter(before, after)) {
      rowChecks.add(new RowCheck(table, after));
    }
    if (!before.description().equals(after.description())) {
      sql.add(TableDdl.comment(table, after));
      changes.add("description changed");
    }
    if (!changes.isEmpty()) {
      steps.add(new Step(name + ": " + String.join(", ", changes), sql));
    }
  }

  /** Whether stored values that kept the old rules may break the new ones. */
  private static boolean stricter(Column before, Column after) {
    Column.Rules was = before.rules();
    Column.Rules now = after.rules();
    return (after.required() && !before.required()) || (now.notBlank() && !was.notBlank())
        || (now.min() != null && !now.min().equals(was.min())) || (now.max() != null && !now.max().equals(was.max()))
        || (now.maxLength() != null && (was.maxLength() == null || now.maxLength() < was.maxLength()))
        || (now.pattern() != null && !now.pattern().equals(was.pattern()))
        || (now.oneOf() != null && (was.oneOf() == null || !now.oneOf().containsAll(was.oneOf())));
  }

  private static Column.Rules withoutLength(Column.Rules rules) {
    return new Column.Rules(rules.notBlank(), rules.min(), rules.max(), null, rules.pattern(), rules.oneOf());
  }

  /** The rules other than the length, which a change reports on its own. */
  private static String describe(Column.Rules rules) {
    List<String> parts = new ArrayList<>();
    if (rules.notBlank()) {
      parts.add("not blank");
    }
    if (rules.min() != null) {
      parts.add("min " + rules.min());
    }
    if (rules.max() != null) {
      parts.add("max " + rules.max());
    }
    if (rules.pattern() != null) {
      parts.add("pattern " + rules.pattern());
    }
    if (rules.oneOf() != null) {
      parts.add("one of " + rules.oneOf().stream().collect(Collectors.joining(", ")));
    }
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  void refuse(TableDefinition table, Column column, String why) {
    problems.add(new DefinitionException.Problem(table.file(), 0, table.name() + (column == null ? "" : "." + column.name())
        + ": " + why));
  }
}
