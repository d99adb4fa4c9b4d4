package dev.rowgate.service.problem;

import java.net.URI;
import java.util.stream.Collectors;

import dev.rowgate.service.sql.SqlStates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every refusal as {@code application/problem+json} (RFC 9457), Spring MVC's own included; the
 * type is a URN naming the problem, and a refusal caused by rows lists them.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  /** PostgreSQL's undefined_table and undefined_column. */

  public static URI type(String name) {
    return URI.create("urn:rowgate:problem:" + name);
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> refused(ApiException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    problem.setType(type(e.type()));
    problem.setTitle(e.title());
    if (!e.rows().isEmpty()) {
      problem.setProperty("rows", e.rows());
    }
    return ResponseEntity.status(e.status()).body(problem);
  }

  /** A query parameter or path variable that does not convert to its type, like {@code ?page=x}. */
  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> mistyped(MethodArgumentTypeMismatchException e) {
    Class<?> type = e.getRequiredType();
    String takes = type == int.class || type == Integer.class || type == long.class || type == Long.class
        ? "a whole number" : "a " + (type == null ? "value of another type" : type.getSimpleName());
    return refused(ApiException.badRequest("bad-parameter", "Bad parameter",
        "'" + e.getName() + "' takes " + takes + ", not '" + e.getValue() + "'"));
  }

  /** A body in a format the endpoint does not take: the problem says which formats it takes. */
  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String takes = e.getSupportedMediaTypes().stream().map(MediaType::toString).collect(Collectors.joining(" or "));
    e.getBody().setType(type("unsupported-media-type"));
    e.getBody().setDetail("This endpoint takes " + takes + "; the request has "
        + (e.getContentType() == null ? "no Content-Type" : "Content-Type " + e.getContentType()));
    return super.handleHttpMediaTypeNotSupported(e, headers, status, request);
  }

  /** A path that names no endpoint, said as such rather than as a missing static file. */
  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    e.getBody().setType(type("no-such-endpoint"));
    e.getBody().setTitle("No such endpoint");
    e.getBody().setDetail("There is no endpoint " + e.getHttpMethod() + " /" + e.getResourcePath());
    return super.handleNoResourceFoundException(e, headers, status, request);
  }

  /** The database cannot be reached, or lacks a table or column: its schema is not migrated yet. */
  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<ProblemDetail> databaseDown(DataAccessException e) {
    ProblemDetail problem;
    if (SqlStates.isUndefinedTableOrColumn(e)) {
      String message = SqlStates.first(e).orElseThrow().getMessage();
      log.warn("the database's schema is not migrated: {}", message);
      problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "The database's schema is not "
          + "migrated yet (" + message + "); db-writer migrates it when it starts. Try again later.");
      problem.setType(type("schema-not-migrated"));
      problem.setTitle("Schema not migrated");
    } else {
      log.warn("database unavailable: {}", e.getMessage());
      problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
          "The database is unavailable; try again later.");
      problem.setType(type("database-unavailable"));
      problem.setTitle("Database unavailable");
    }
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
  }
}
