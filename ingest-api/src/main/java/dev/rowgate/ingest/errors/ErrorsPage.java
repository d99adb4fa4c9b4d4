package dev.rowgate.ingest.errors;

import java.util.List;
import java.util.Map;

import dev.rowgate.ingest.console.ConsolePage;
import dev.rowgate.schema.Column;
import dev.rowgate.schema.Table;
import dev.rowgate.service.definitions.AppliedDefinitions;
import dev.rowgate.service.problem.ApiException;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.node.ObjectNode;

/**
 * The console's rejected rows: a table's, filtered by batch, rule, field, state and text, the reasons
 * beside the raw values; one shown with its history and edited and sent again; many, chosen or all
 * a filter takes, sent again or discarded.
 */
@ConsolePage
class ErrorsPage {

  private static final int PAGE = 50;
  /** The prefix of the form fields that hold a row's values, one per column. */
  private static final String VALUE = "value.";

  private final AppliedDefinitions definitions;
  private final RejectedRows rows;
  private final Redrives redrives;
  private final Discards discards;

  ErrorsPage(AppliedDefinitions definitions, RejectedRows rows, Redrives redrives, Discards discards) {
    this.definitions = definitions;
    this.rows = rows;
    this.redrives = redrives;
    this.discards = discards;
  }

  @GetMapping("/console/errors")
  String list(@RequestParam(required = false) String table, @ModelAttribute("filter") ErrorFilter filter,
              @RequestParam(required = false) Long after, Model model) {
    List<String> names = definitions.latest().names();
    if (names.isEmpty()) {
      throw ApiException.unknownTable(String.valueOf(table), names);
    }
    Table target = definitions.table(table == null || table.isBlank() ? names.get(0) : table);
    List<RejectedRow> page = rows.page(target, filter, after, PAGE);
    model.addAttribute("table", target);
    model.addAttribute("tables", names);
    model.addAttribute("rows", page);
    model.addAttribute("next", page.size() < PAGE ? null : page.get(page.size() - 1).id());
    return "console/errors";
  }

  @GetMapping("/console/errors/{table}/{id}")
  String one(@PathVariable String table, @PathVariable long id, Model model) {
    Table target = definitions.table(table);
    model.addAttribute("table", target);
    model.addAttribute("row", rows.find(target, id).orElseThrow(() -> ErrorStates.unknown(target, id)));
    return "console/error";
  }

  /** Sends one row again with the values of the form, one field per column (an empty one sent empty). */
  @PostMapping("/console/errors/{table}/{id}/redrive")
  String redriveOne(@PathVariable String table, @PathVariable long id, @RequestParam Map<String, String> form,
                    Authentication user, RedirectAttributes redirect) {
    Table target = definitions.table(table);
    ObjectNode values = ErrorStates.JSON.createObjectNode();
    for (Column column : target.columns()) {
      String value = form.get(VALUE + column.name());
      if (value != null) {
        values.put(column.name(), value);
      }
    }
    Redrives.Outcome sent = redrives.one(target, id, values, user.getName());
    redirect.addFlashAttribute("message", "Sent again as batch " + sent.batchId());
    redirect.addFlashAttribute("batch", sent.batchId());
    return "redirect:/console/errors/" + table + "/" + id;
  }

  /** Sends again the rows chosen, or with {@code all=true} every open row the filter takes. */
  @PostMapping("/console/errors/{table}/redrive")
  String redriveMany(@PathVariable String table, @ModelAttribute ErrorFilter filter,
                     @RequestParam(required = false) List<Long> ids, @RequestParam(defaultValue = "false") boolean all,
                     Authentication user, RedirectAttributes redirect) {
    Table target = definitions.table(table);
    Redrives.Outcome sent = redrives.matching(target, chosen(target, filter, ids, all), user.getName());
    redirect.addFlashAttribute("message", sent.rows() == 0 ? "No open row to send again"
        : "Sent " + sent.rows() + " rows again as batch " + sent.batchId()
        + (sent.needValues() > 0 ? "; " + sent.needValues() + " kept as bytes need values, one by one" : ""));
    redirect.addFlashAttribute("batch", sent.batchId());
    return "redirect:/console/errors?table=" + table;
  }

  /** Discards the rows chosen, or with {@code all=true} every open row the filter takes, with a reason. */
  @PostMapping("/console/errors/{table}/discard")
  String discardMany(@PathVariable String table, @ModelAttribute ErrorFilter filter,
                     @RequestParam(required = false) List<Long> ids, @RequestParam(defaultValue = "false") boolean all,
                     @RequestParam(required = false) String reason, Authentication user, RedirectAttributes redirect) {
    Table target = definitions.table(table);
    if (reason == null || reason.isBlank()) {
      throw ApiException.badRequest("reason-needed", "Reason needed", "A discard says why: give a reason");
    }
    long discarded = discards.matching(target, chosen(target, filter, ids, all), reason, user.getName());
    redirect.addFlashAttribute("message", "Discarded " + discarded + " rows");
    return "redirect:/console/errors?table=" + table;
  }

  /** The rows a bulk action means: those chosen, or all the filter takes; never all by omission. */
  private static ErrorFilter.Where chosen(Table table, ErrorFilter filter, List<Long> ids, boolean all) {
    if (!all && (ids == null || ids.isEmpty())) {
      throw ApiException.badRequest("nothing-chosen", "Nothing chosen", "Choose rows, or all that the filter takes");
    }
    return filter.where(table.name()).withIds(all ? null : ids);
  }
}
