package dev.rowgate.ingest.batch;

import java.util.List;

import dev.rowgate.ingest.console.ConsolePage;
import dev.rowgate.service.definitions.AppliedDefinitions;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The console's loads: batches newest first, filtered by table, state and channel (or one batch), each unfinished
 * one followed live by the page; and a CSV file uploaded from the browser, with its progress.
 */
@ConsolePage
class LoadsPage {

  /** The most batches the page shows; the state filter looks among this many of the newest. */
  private static final int SHOWN = 100;
  private static final int LOOKED_AT = 1000;

  private final BatchStatusQuery batches;
  private final AppliedDefinitions definitions;

  LoadsPage(BatchStatusQuery batches, AppliedDefinitions definitions) {
    this.batches = batches;
    this.definitions = definitions;
  }

  @GetMapping("/console/loads")
  String loads(@RequestParam(required = false) String table, @RequestParam(required = false) String state,
               @RequestParam(required = false) String channel, @RequestParam(required = false) String batch,
               Model model) {
    List<BatchStatus> recent = batch != null && !batch.isBlank() ? List.of(batches.require(batch)) : batches.recent(blankToNull(table), blankToNull(channel), state == null || state.isBlank()
        ? SHOWN : LOOKED_AT).stream().filter(b -> state == null || state.isBlank() || b.state().equals(state))
        .limit(SHOWN).toList();
    model.addAttribute("batches", recent);
    model.addAttribute("tables", definitions.latest().names());
    model.addAttribute("states", List.of("receiving", "accepted", "processing", "done", "failed"));
    model.addAttribute("channels", List.of("API_CSV", "API_JSON", "PRODUCER", "REDRIVE"));
    model.addAttribute("filter", new Filter(table, state, channel));
    return "console/loads";
  }

  /** The filter the page was asked for, to show it again. */
  record Filter(String table, String state, String channel) {
  }

  @GetMapping("/console/loads/{id}")
  @ResponseBody
  BatchStatus load(@PathVariable String id) {
    return batches.require(id);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
