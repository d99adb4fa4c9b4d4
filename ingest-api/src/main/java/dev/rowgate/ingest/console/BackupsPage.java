package dev.rowgate.ingest.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rowgate.service.problem.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import tools.jackson.databind.JsonNode;

/**
 * Backups per table with their manifests; an admin takes one, or restores one after a page that
 * names the table and the rows the backup holds and the table holds now, and watches its progress.
 */
@ConsolePage
class BackupsPage {

  private final BackupClient backups;
  private final TableFigures tables;

  BackupsPage(BackupClient backups, TableFigures tables) {
    this.backups = backups;
    this.tables = tables;
  }

  @GetMapping("/console/backups")
  String backups(@RequestParam(required = false) String backup, @RequestParam(required = false) String restore,
                 Model model) {
    Map<String, List<JsonNode>> byTable = new LinkedHashMap<>();
    tables.all().forEach(table -> byTable.put(table.table(), new ArrayList<>()));
    try {
      backups.backups().forEach(manifest -> byTable.computeIfAbsent(manifest.path("table").asString(),
          t -> new ArrayList<>()).add(manifest));
    } catch (ApiException e) {
      model.addAttribute("failure", e.getMessage());
    }
    model.addAttribute("backups", byTable);
    if (backup != null) {
      model.addAttribute("operation", Map.of("kind", "backup", "id", backup));
    } else if (restore != null) {
      model.addAttribute("operation", Map.of("kind", "restore", "id", restore));
    }
    return "console/backups";
  }

  @PostMapping("/console/backups/{table}")
  String takeBackup(@PathVariable String table) {
    return "redirect:/console/backups?backup=" + backups.takeBackup(table);
  }

  @GetMapping("/console/backups/{table}/restore")
  String confirmRestore(@PathVariable String table, @RequestParam String backupId, Model model) {
    JsonNode manifest = backups.backup(backupId).filter(m -> table.equals(m.path("table").asString("")))
        .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "unknown-backup", "Unknown backup",
            "There is no backup " + backupId + " of " + table));
    model.addAttribute("table", table);
    model.addAttribute("manifest", manifest);
    model.addAttribute("rowsNow", tables.all().stream().filter(f -> f.table().equals(table)).findFirst()
        .map(TableFigures.Figures::rows).orElse(null));
    return "console/restore";
  }

  @PostMapping("/console/backups/{table}/restore")
  String restore(@PathVariable String table, @RequestParam String backupId) {
    return "redirect:/console/backups?restore=" + backups.restore(table, backupId);
  }

  @GetMapping("/console/backups/operations/{kind}/{id}")
  @ResponseBody
  JsonNode operation(@PathVariable String kind, @PathVariable String id) {
    return backups.operation(kind, id);
  }
}
