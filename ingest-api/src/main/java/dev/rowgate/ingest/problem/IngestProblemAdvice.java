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
    HttpStatus status = e.clientFault() ? HttpStatus.BAD_REQUEST : HttpStatus.SERVICE_UNAVAILABLE;
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage() + ". The "
        + e.published() + " rows published before that go on through the pipeline as batch " + e.batchId()
        + "; sending the file again replaces them by id.");
    problem.setType(ProblemAdvice.type(e.clientFault() ? "unreadable-input" : "kafka-unavailable"));
    problem.setTitle(e.clientFault() ? "Input could not be read to its end" : "Kafka did not take every row");
    problem.setProperty("batchId", e.batchId());
    problem.setProperty("published", e.published());
    return ResponseEntity.status(status).header("Location", "/api/v1/batches/" + e.batchId()).body(problem);
  }
}
