package dev.rowgate.ingest.problem;

import dev.rowgate.ingest.publish.IngestFailedException;
import dev.rowgate.service.problem.ProblemAdvice;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A batch that stopped half-way, as an RFC 9457 problem naming the batch and what was published. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class IngestProblemAdvice {

  @ExceptionHandler(IngestFailedException.class)
  ResponseEntity<ProblemDetail> stopped(IngestFailedException e) {
    HttpStatus status = e.stoppedBy() == IngestFailedException.Cause.INPUT ? HttpStatus.BAD_REQUEST
        : HttpStatus.SERVICE_UNAVAILABLE;
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage() + ". The "
        + e.published() + " rows published before that go on through the pipeline as batch " + e.batchId()
        + "; sending the file again replaces them by id.");
    switch (e.stoppedBy()) {
      case INPUT -> describe(problem, "unreadable-input", "Input could not be read to its end");
      case KAFKA -> describe(problem, "kafka-unavailable", "Kafka did not take every row");
      case DATABASE -> describe(problem, "database-unavailable", "The batch could not be recorded");
    }
    problem.setProperty("batchId", e.batchId());
    problem.setProperty("published", e.published());
    return ResponseEntity.status(status).header("Location", "/api/v1/batches/" + e.batchId()).body(problem);
  }

  private static void describe(ProblemDetail problem, String type, String title) {
    problem.setType(ProblemAdvice.type(type));
    problem.setTitle(title);
  }
}
