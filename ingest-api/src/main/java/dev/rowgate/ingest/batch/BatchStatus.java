package dev.rowgate.ingest.batch;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * What happened to a batch.
 *
 * @param state     receiving (a file still arriving, or its received count not recorded yet), accepted
 *                  (every row in Kafka, none written yet), processing, done (every received row
 *                  persisted or rejected), or failed (the upload stopped; the rows published before go
 *                  on, and the counts follow them)
 * @param received  rows published to Kafka; null while a file is still arriving, or when its upload
 *                  was abandoned
 * @param valid     rows that passed the validator
 * @param rejected  rows kept in the errors table, by the validator or by the writer
 * @param persisted rows written to the table
 * @param waiting   valid rows that name a department or job not there yet, which the writer holds
 *                  until it comes or its wait is over (then they are persisted or rejected)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchStatus(String batchId, String table, String channel, String fileName, String state,
                          Long received, long valid, long rejected, long persisted, long waiting, String failure,
                          Instant createdAt, Instant updatedAt, RejectedPage rejectedRows) {

  BatchStatus withRejectedRows(RejectedPage page) {
    return new BatchStatus(batchId, table, channel, fileName, state, received, valid, rejected, persisted, waiting,
        failure, createdAt, updatedAt, page);
  }

  /**
   * True when no row of the batch is on its way any more, or, for an upload abandoned before it
   * could count its rows, when nothing will tell any more.
   */
  public boolean finished() {
    return received == null ? failure != null : persisted + rejected >= received;
  }

  static String state(Long received, long rejected, long persisted, String failure) {
    if (failure != null) {
      return "failed";
    }
    if (received == null) {
      return "receiving";
    }
    if (persisted + rejected >= received) {
      return "done";
    }
    return persisted + rejected == 0 ? "accepted" : "processing";
  }

  /** A page of the batch's rejected rows, in the order of the batch. */
  public record RejectedPage(int page, int size, long total, List<RejectedRow> items) {
  }

  /** A rejected row: its place in the batch, its raw values and every reason. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RejectedRow(Integer index, Long line, JsonNode raw, JsonNode reasons, String stage,
                            Instant receivedAt, String sourceTopic, int sourcePartition, long sourceOffset) {
  }
}
