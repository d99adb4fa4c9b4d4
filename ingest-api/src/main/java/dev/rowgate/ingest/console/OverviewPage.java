package dev.rowgate.ingest.console;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

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

  /** The sign-in form; the page says why it is shown again ({@code ?error}, {@code ?signedOut}). */
  @GetMapping("/console/login")
  String signIn() {
    return "console/login";
  }
}
