package dev.rowgate.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One definition file read: its table, and the line of each thing in it for the problems that
 * are found later, across files. Every problem of the file itself is collected, not only the
 * first. What the file may hold is in {@code definitions/table-definition.schema.json}.
 */
final class DefinitionFile {

  private static final Set<String> TABLE_KEYS = Set.of("table", "description", "key", "columns");
  private static final List<String> COLUMN_KEYS = List.of("name", "type", "description", "required", "default",
      "not_blank", "min", "max", "max_length", "pattern", "one_of", "references", "precision", "scale");
  private static final int MAX_PRECISION = 1000;

  final String file;
  final List<DefinitionException.Problem> problems = new ArrayList<>();
  /** Lines by what is on them: "table", "key", "column:<name>", "references:<name>". */
  final Map<String, Integer> lines = new HashMap<>();
  /** The name of every column declared, also of those with problems. */
  private final Set<String> declared = new java.util.HashSet<>();
  TableDefinition table;

  private DefinitionFile(String file) {
    this.file = file;
  }

  /** Reads the text of a file; {@link #table} is null when it has problems. */
  static DefinitionFile parse(String file, String text) {
    DefinitionFile parsed = new DefinitionFile(file);
    parsed.read(text);
    return parsed;
  }

  private void read(String text) {
    List<Node> documents = new ArrayList<>();
    try {
      new Yaml(new SafeConstructor(new LoaderOptions())).composeAll(new java.io.StringReader(text))
          .forEach(documents::add);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      problem(mark == null ? 0 : mark.getLine() + 1, "not valid YAML: " + (e.getContext() == null ? ""
          : e.getContext() + ", ") + e.getProblem());
      return;
    } catch (YAMLException e) {
      problem(0, "not valid YAML: " + e.getMessage());
      return;
    }
    if (documents.isEmpty()) {
      problem(1, "the file is empty; it declares a table with table, key and columns");
      return;
    }
    if (documents.size() > 1) {
      problem(line(documents.get(1)), "the file holds more than one YAML document; one file declares one table");
      return;
    }
    if (!(documents.get(0) instanceof MappingNode root)) {
      problem(line(documents.get(0)), "a definition file is a mapping of table, description, key and columns");
      return;
    }
    TableDefinition read = table(root);
    if (problems.isEmpty()) {
      table = read;
    }
  }

  private TableDefinition table(MappingNode root) {
    Map<String, Node> keys = mapping(root, TABLE_KEYS, "a table has table, description, key and columns");
    String name = required(keys, "table", root);
    if (name != null) {
      lines.put("table", line(keys.get("table")));
      Names.tableProblem(name).ifPresent(problem -> problem(keys.get("table"), problem));
      String base = file.replaceFirst("\\.ya?ml$", "");
      if (!base.equals(name)) {
        problem(keys.get("table"), "the file " + file + " declares table '" + name + "'; a file is named after its "
            + "table (" + name + ".yaml)");
      }
    }
    String description = scalar(keys, "description");
    List<Column> columns = columns(keys.get("columns"), root);
    List<String> key = key(keys.get("key"), root, columns);
    return name == null ? null : new TableDefinition(name, description, key, columns, file);
  }

  private List<Column> columns(Node node, Node table) {
    if (node == null) {
      problem(table, "the table has no columns: give them as a list under columns");
      return List.of();
    }
    if (!(node instanceof SequenceNode list) || list.getValue().isEmpty()) {
      problem(node, "columns is a list of columns, each with a name and a type");
      return List.of();
    }
    List<Column> columns = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (Node item : list.getValue()) {
      Column column = column(item);
      if (column == null) {
        continue;
      }
      Integer first = seen.putIfAbsent(column.name(), line(item));
      if (first != null) {
        problem(item, "column '" + column.name() + "' is declared twice (first at line " + first + ")");
      } else {
        columns.add(column);
        lines.put("column:" + column.name(), line(item));
      }
    }
    return columns;
  }

  private Column column(Node item) {
    if (!(item instanceof MappingNode mapping)) {
      problem(item, "a column is a mapping with a name, a type and its rules");
      return null;
    }
    int before = problems.size();
    Map<String, Node> keys = mapping(mapping, Set.copyOf(COLUMN_KEYS), "a column has " + String.join(", ", COLUMN_KEYS));
    String name = required(keys, "name", item);
    if (name == null) {
      return null;
    }
    declared.add(name);
    Names.columnProblem(name).ifPresent(problem -> problem(keys.get("name"), problem));
    String typeWord = required(keys, "type", item);
    Optional<ColumnType> type = typeWord == null ? Optional.empty() : ColumnType.of(typeWord);
    if (typeWord != null && type.isEmpty()) {
      problem(keys.get("type"), "column '" + name + "' has the unknown type '" + typeWord + "'; types: "
          + ColumnType.words());
    }
    Integer precision = integer(keys, "precision");
    Integer scale = integer(keys, "scale");
    if (type.isPresent() && type.get() == ColumnType.DECIMAL) {
      if (precision == null || precision < 1 || precision > MAX_PRECISION) {
        problem(keys.getOrDefault("precision", item), "decimal column '" + name + "' needs a precision from 1 to "
            + MAX_PRECISION + " (its digits in all)");
      }
      scale = scale == null ? 0 : scale;
      if (precision != null && (scale < 0 || scale > precision)) {
        problem(keys.get("scale"), "the scale of decimal column '" + name + "' is from 0 to its precision " + precision);
      }
    } else if (precision != null || scale != null) {
      problem(keys.getOrDefault("precision", keys.get("scale")), "precision and scale are for decimal columns; '"
          + name + "' is " + typeWord);
    }
    Boolean required = bool(keys, "required");
    Boolean notBlank = bool(keys, "not_blank");
    Column.Rules rules = new Column.Rules(Boolean.TRUE.equals(notBlank), scalar(keys, "min"),
        scalar(keys, "max"), integer(keys, "max_length"), scalar(keys, "pattern"), list(keys, "one_of"));
    Column.Reference references = reference(keys.get("references"), name);
    String description = scalar(keys, "description");
    String defaultValue = scalar(keys, "default");
    if (problems.size() > before || type.isEmpty()) {
      return null;
    }
    Column column = new Column(name, type.get(), precision, scale, !Boolean.FALSE.equals(required), defaultValue,
        rules, references, description);
    try {
      new ColumnCheck(column);
    } catch (IllegalArgumentException e) {
      problem(item, "column '" + name + "': " + e.getMessage());
      return null;
    }
    return column;
  }

  private Column.Reference reference(Node node, String column) {
    if (node == null) {
      return null;
    }
    lines.put("references:" + column, line(node));
    if (node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
      return new Column.Reference(scalar.getValue(), null);
    }
    if (node instanceof MappingNode mapping) {
      Map<String, Node> keys = mapping(mapping, Set.of("table", "column"), "a reference has table and column");
      String table = required(keys, "table", node);
      String target = scalar(keys, "column");
      return table == null ? null : new Column.Reference(table, target);
    }
    problem(node, "references of column '" + column + "' names a table, or is a mapping of table and column");
    return null;
  }

  private List<String> key(Node node, Node table, List<Column> columns) {
    if (node == null) {
      problem(table, "the table has no key: name the column (or the columns) whose values identify a row");
      return List.of();
    }
    lines.put("key", line(node));
    List<String> key = new ArrayList<>();
    if (node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
      key.add(scalar.getValue());
    } else if (node instanceof SequenceNode list && !list.getValue().isEmpty()
        && list.getValue().stream().allMatch(ScalarNode.class::isInstance)) {
      list.getValue().forEach(item -> key.add(((ScalarNode) item).getValue()));
    } else {
      problem(node, "key names a column, or is a list of columns");
      return List.of();
    }
    for (String name : key) {
      Optional<Column> column = columns.stream().filter(c -> c.name().equals(name)).findFirst();
      if (key.indexOf(name) != key.lastIndexOf(name)) {
        problem(node, "the key names column '" + name + "' twice");
        return key;
      }
      if (column.isEmpty() && !declared.contains(name)) {
        problem(node, "key column '" + name + "' is not a column of the table");
      } else if (column.isPresent() && !column.get().mustBeGiven()) {
        problem(node, "key column '" + name + "' is optional or has a default; every row must give its key");
      }
    }
    return key;
  }

  /** The keys of a mapping, each once, every one of them known. */
  private Map<String, Node> mapping(MappingNode node, Set<String> known, String hint) {
    Map<String, Node> keys = new LinkedHashMap<>();
    for (NodeTuple tuple : node.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        problem(tuple.getKeyNode(), "a key is a plain name; " + hint);
        continue;
      }
      if (!known.contains(key.getValue())) {
        problem(key, "unknown key '" + key.getValue() + "'; " + hint);
      } else if (keys.containsKey(key.getValue())) {
        problem(key, "key '" + key.getValue() + "' is given twice (first at line " + line(keys.get(key.getValue()))
            + ")");
      } else {
        keys.put(key.getValue(), tuple.getValueNode());
      }
    }
    return keys;
  }

  /** A value the mapping {@code parent} must have. */
  private String required(Map<String, Node> keys, String key, Node parent) {
    String value = scalar(keys, key);
    if (value == null && (!keys.containsKey(key) || keys.get(key) instanceof ScalarNode)) {
      problem(parent, "'" + key + "' is missing");
    }
    return value;
  }

  private String scalar(Map<String, Node> keys, String key) {
    Node node = keys.get(key);
    if (node == null || node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
      return null;
    }
    if (!(node instanceof ScalarNode scalar)) {
      problem(node, "'" + key + "' is a single value, not a " + (node instanceof SequenceNode ? "list" : "mapping"));
      return null;
    }
    return scalar.getValue();
  }

  private Boolean bool(Map<String, Node> keys, String key) {
    String value = scalar(keys, key);
    if (value == null) {
      return null;
    }
    if (!((ScalarNode) keys.get(key)).getTag().equals(Tag.BOOL)) {
      problem(keys.get(key), "'" + key + "' is true or false, not '" + value + "'");
      return null;
    }
    return Set.of("true", "yes", "on", "y").contains(value.toLowerCase(Locale.ROOT));
  }

  private Integer integer(Map<String, Node> keys, String key) {
    String value = scalar(keys, key);
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      problem(keys.get(key), "'" + key + "' is a whole number, not '" + value + "'");
      return null;
    }
  }

  private List<String> list(Map<String, Node> keys, String key) {
    Node node = keys.get(key);
    if (node == null) {
      return null;
    }
    if (!(node instanceof SequenceNode list) || !list.getValue().stream().allMatch(ScalarNode.class::isInstance)) {
      problem(node, "'" + key + "' is a list of values");
      return null;
    }
    return list.getValue().stream().map(item -> ((ScalarNode) item).getValue()).toList();
  }

  void problem(int line, String message) {
    problems.add(new DefinitionException.Problem(file, line, message));
  }

  private void problem(Node node, String message) {
    problem(node == null ? 0 : line(node), message);
  }

  private static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }
}
