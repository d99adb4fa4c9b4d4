package dev.rowgate.ingest.console;

import dev.rowgate.service.problem.ApiException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** A refusal on a console page is a page that says what was refused and why, in the console's frame. */
@ControllerAdvice(annotations = ConsolePage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleProblems {

  @ExceptionHandler(ApiException.class)
  ModelAndView refused(ApiException e) {
    ModelAndView page = new ModelAndView("console/problem");
    page.setStatus(e.status());
    page.addObject("title", e.title());
    page.addObject("detail", e.getMessage());
    return page;
  }
}
