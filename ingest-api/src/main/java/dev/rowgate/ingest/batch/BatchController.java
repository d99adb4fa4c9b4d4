package dev.rowgate.ingest.batch;

import java.time.Duration;

import dev.rowgate.ingest.IngestProperties;
import dev.rowgate.service.problem.ApiException;
import dev.rowgate.service.web.WaitParameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/** The status of a batch, optionally after waiting for it to finish. */
@RestController
@SecurityRequirement(name = "basic")
class BatchController {

  private final BatchStatusQuery query;
  private final BatchWaiters waiters;
  private final IngestProperties properties;

  BatchController(BatchStatusQuery query, BatchWaiters waiters, IngestProperties properties) {
    this.query = query;
    this.waiters = waiters;
    this.properties = properties;
  }

  @Operation(summary = "What happened to a batch",
      description = "Counts received, valid, rejected, persisted and waiting (valid hires held for a "
          + "department or job not there yet), its state, and a page of its rejected rows with their reasons. "
          + "With wait, the answer comes when the batch is done or the wait is over.")
  @ApiResponse(responseCode = "200", description = "The batch's status")
  @ApiResponse(responseCode = "404", description = "No such batch")
  @GetMapping("/api/v1/batches/{batchId}")
  DeferredResult<BatchStatus> status(
      @PathVariable String batchId,
      @Parameter(description = "Wait up to this long for the batch to finish, e.g. 30s") @RequestParam(required = false) String wait,
      @Parameter(description = "Page of rejected rows, from 0") @RequestParam(defaultValue = "0") int page,
      @Parameter(description = "Rejected rows per page; 0 for only their total") @RequestParam(defaultValue = "100") int size) {
    if (page < 0 || size < 0 || size > properties.maxRejectedPageSize()) {
      throw ApiException.badRequest("bad-page", "Bad page", "page is 0 or more and size 0 to "
          + properties.maxRejectedPageSize());
    }
    Duration timeout = WaitParameter.parse(wait, properties.maxWait());
    BatchStatus now = query.require(batchId);
    DeferredResult<BatchStatus> result = new DeferredResult<>(Math.max(1, timeout.toMillis()));
    if (timeout.isZero() || now.finished()) {
      result.setResult(query.withRejectedRows(now, page, size));
      return result;
    }
    Runnable check = () -> query.find(batchId).filter(BatchStatus::finished)
        .ifPresent(batch -> result.setResult(query.withRejectedRows(batch, page, size)));
    result.onTimeout(() -> result.setResult(query.withRejectedRows(query.require(batchId), page, size)));
    result.onCompletion(() -> waiters.stopWaiting(batchId, check));
    waiters.waitFor(batchId, check);
    check.run();
    return result;
  }
}
