package dev.rowgate.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The table definitions of a directory: one YAML file per table ({@code <table>.yaml} or
 * {@code .yml}). Each file is checked on its own ({@link DefinitionFile}), then the files together:
 * no table declared twice, every reference naming the one-column key of a table that is defined,
 * with the same type, and no cycle of references. Every problem found is reported, with its file
 * and line.
 */
public final class DefinitionFiles {

  private DefinitionFiles() {
  }

  /**
   * @throws DefinitionException when the directory is missing, holds no definition, or a file has a problem
   */
  public static Definitions read(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new DefinitionException(List.of(new DefinitionException.Problem(directory.toString(), 0,
          "there is no directory of table definitions here (rowgate.definitions.directory)")));
    }
    Map<String, String> texts = new TreeMap<>();
    List<DefinitionException.Problem> problems = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(DefinitionFiles::isDefinition).sorted().toList()) {
        try {
          texts.put(file.getFileName().toString(), StandardCharsets.UTF_8.newDecoder()
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString());
        } catch (CharacterCodingException e) {
          problems.add(new DefinitionException.Problem(file.getFileName().toString(), 0, "the file is not UTF-8 text"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the table definitions in " + directory, e);
    }
    if (texts.isEmpty() && problems.isEmpty()) {
      problems.add(new DefinitionException.Problem(directory.toString(), 0,
          "the directory holds no table definition (a <table>.yaml file per table)"));
    }
    if (!problems.isEmpty()) {
      throw new DefinitionException(problems);
    }
    return parse(texts);
  }

  private static boolean isDefinition(Path file) {
    String name = file.getFileName().toString();
    return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }

  /**
   * The definitions that these files declare, unapplied (version 0).
   *
   * @param texts each file's text by its name
   * @throws DefinitionException when a file has a problem
   */
  public static Definitions parse(Map<String, String> texts) {
    List<DefinitionException.Problem> problems = new ArrayList<>();
    Map<String, DefinitionFile> byTable = new LinkedHashMap<>();
    for (Map.Entry<String, String> text : new TreeMap<>(texts).entrySet()) {
      DefinitionFile file = DefinitionFile.parse(text.getKey(), text.getValue());
      problems.addAll(file.problems);
      if (file.table == null) {
        continue;
      }
      DefinitionFile first = byTable.putIfAbsent(file.table.name(), file);
      if (first != null) {
        problems.add(new DefinitionException.Problem(file.file, file.lines.get("table"), "table '" + file.table.name()
            + "' is declared in " + first.file + " too"));
      }
    }
    if (problems.isEmpty()) {
      Map<String, TableDefinition> resolved = new LinkedHashMap<>();
      byTable.values().forEach(file -> resolved.put(file.table.name(), resolveReferences(file, byTable, problems)));
      byTable.values().forEach(file -> findCycle(file, byTable, problems));
      if (problems.isEmpty()) {
        return new Definitions(0, resolved.values().stream().map(Table::derived).toList());
      }
    }
    throw new DefinitionException(problems);
  }

  /** The table with each reference naming its target's key column; problems for those that cannot. */
  private static TableDefinition resolveReferences(DefinitionFile file, Map<String, DefinitionFile> tables,
                                                   List<DefinitionException.Problem> problems) {
    List<Column> columns = new ArrayList<>();
    for (Column column : file.table.columns()) {
      if (!column.isReference()) {
        columns.add(column);
        continue;
      }
      int line = file.lines.get("references:" + column.name());
      Optional<String> problem = referenceProblem(column, tables);
      if (problem.isPresent()) {
        problems.add(new DefinitionException.Problem(file.file, line, "column '" + column.name() + "' " + problem.get()));
        columns.add(column);
        continue;
      }
      TableDefinition target = tables.get(column.references().table()).table;
      columns.add(new Column(column.name(), column.type(), column.precision(), column.scale(), column.required(),
          column.defaultValue(), column.rules(), new Column.Reference(target.name(), target.key().get(0)),
          column.description()));
    }
    TableDefinition table = file.table;
    return new TableDefinition(table.name(), table.description(), table.key(), columns, table.file());
  }

  private static Optional<String> referenceProblem(Column column, Map<String, DefinitionFile> tables) {
    Column.Reference reference = column.references();
    DefinitionFile target = tables.get(reference.table());
    if (target == null) {
      return Optional.of("references table '" + reference.table() + "', which no definition declares");
    }
    TableDefinition table = target.table;
    if (table.key().size() != 1) {
      return Optional.of("references table '" + table.name() + "', whose key has " + table.key().size()
          + " columns; a reference names a table whose key is one column");
    }
    String keyColumn = table.key().get(0);
    if (reference.column() != null && !reference.column().equals(keyColumn)) {
      return Optional.of(table.column(reference.column()).isEmpty()
          ? "references column '" + reference.column() + "', which is not a column of " + table.name()
          : "references " + table.name() + "." + reference.column() + ", which is not the key of " + table.name()
              + " (" + keyColumn + "); a reference names the key of its table");
    }
    Column key = table.column(keyColumn).orElseThrow();
    if (!key.typeText().equals(column.typeText())) {
      return Optional.of("is " + column.typeText() + ", but the key " + table.name() + "." + keyColumn + " it references is "
          + key.typeText() + "; a reference has the type of the key it names");
    }
    return Optional.empty();
  }

  /** Reports a cycle of references that starts at this file's table, once, at its first reference in the cycle. */
  private static void findCycle(DefinitionFile file, Map<String, DefinitionFile> tables,
                                List<DefinitionException.Problem> problems) {
    String start = file.table.name();
    for (Column column : file.table.columns()) {
      if (!column.isReference() || !tables.containsKey(column.references().table())) {
        continue;
      }
      List<String> path = new ArrayList<>(List.of(start));
      if (reaches(column.references().table(), start, tables, path) && start.equals(smallest(path))) {
        problems.add(new DefinitionException.Problem(file.file, file.lines.get("references:" + column.name()),
            "the references form a cycle: " + String.join(" → ", path) + "; a table is loaded after those it "
                + "references, which a cycle makes impossible"));
        return;
      }
    }
  }

  private static boolean reaches(String from, String target, Map<String, DefinitionFile> tables, List<String> path) {
    path.add(from);
    if (from.equals(target)) {
      return true;
    }
    if (path.indexOf(from) < path.size() - 1) {
      path.remove(path.size() - 1);
      return false;
    }
    for (Column column : tables.get(from).table.columns()) {
      if (column.isReference() && tables.containsKey(column.references().table())
          && reaches(column.references().table(), target, tables, path)) {
        return true;
      }
    }
    path.remove(path.size() - 1);
    return false;
  }

  /** The cycle is reported by the table of the smallest name in it, so that it is reported once. */
  private static String smallest(List<String> path) {
    return path.stream().sorted().findFirst().orElseThrow();
  }
}
