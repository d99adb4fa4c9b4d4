package dev.rowgate.ingest.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rowgate.schema.Column;
import dev.rowgate.schema.Table;
import dev.rowgate.service.definitions.AppliedDefinitions;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Each table's columns and rules, as the applied definitions have them. */
@ConsolePage
class TablesPage {

  private final AppliedDefinitions definitions;

  TablesPage(AppliedDefinitions definitions) {
    this.definitions = definitions;
  }

  @GetMapping("/console/tables")
  String tables(Model model) {
    List<Table> tables = definitions.latest().tables();
    Map<String, Map<String, String>> rules = new LinkedHashMap<>();
    tables.forEach(table -> table.columns().forEach(column -> rules.computeIfAbsent(table.name(),
        t -> new LinkedHashMap<>()).put(column.name(), String.join("; ", rules(column)))));
    model.addAttribute("tables", tables);
    model.addAttribute("rules", rules);
    return "console/tables";
  }

  /** A column's rules in words, as its file gives them: required or not, then each rule. */
  static List<String> rules(Column column) {
    List<String> rules = new ArrayList<>();
    rules.add(column.required() ? "required" : "optional");
    if (column.hasDefault()) {
      rules.add("default " + column.defaultValue());
    }
    Column.Rules given = column.rules();
    if (given.notBlank()) {
      rules.add("not blank");
    }
    if (given.min() != null) {
      rules.add("min " + given.min());
    }
    if (given.max() != null) {
      rules.add("max " + given.max());
    }
    if (given.maxLength() != null) {
      rules.add("max length " + given.maxLength());
    }
    if (given.pattern() != null) {
      rules.add("pattern " + given.pattern());
    }
    if (given.oneOf() != null) {
      rules.add("one of " + String.join(", ", given.oneOf()));
    }
    if (column.isReference()) {
      rules.add("references " + column.references().table() + "." + column.references().column());
    }
    return rules;
  }
}
