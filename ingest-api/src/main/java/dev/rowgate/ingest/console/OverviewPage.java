package dev.rowgate.ingest.console;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The console's first page: the tables, the services' readiness and the consumers' lag; and the sign-in. */
@ConsolePage
class OverviewPage {

  private final TableFigures tables;
  private final ServiceReadiness services;
  private final ConsumerLag lag;

  OverviewPage(TableFigures tables, ServiceReadiness services, ConsumerLag lag) {
    this.tables = tables;
    this.services = services;
    this.lag = lag;
  }

  @GetMapping("/console")
  String overview(Model model) {
    model.addAttribute("tables", tables.all());
    model.addAttribute("services", services.all());
    model.addAttribute("lag", lag.byTopic());
    return "console/overview";
  }

  /**
   * The sign-in form; {@code error} after a failed sign-in, {@code signedOut} after signing out (each
   * named so that the query check lets them through, read by the page).
   */
  @GetMapping("/console/login")
  String signIn(@RequestParam(required = false) String error, @RequestParam(required = false) String signedOut) {
    return "console/login";
  }
}
