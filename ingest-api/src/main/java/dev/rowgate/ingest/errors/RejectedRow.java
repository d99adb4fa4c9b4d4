package dev.rowgate.ingest.errors;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * A rejection as an operator sees it: the row's raw values beside every reason, where it came from,
 * its state, and its lineage: the redrive that sent it again and what became of that, or the
 * rejection whose redrive this one is.
 *
 * @param bytesOnly  true for a record that could not be decoded, kept as its bytes: it is redriven
 *                   only with corrected values
 * @param redrive    the row sent again, when it was
 * @param redriveOf  the rejection this row was sent again for, when it was a redriven row
 * @param history    what happened to it, oldest first; only for one rejection asked for by its id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RejectedRow(long id, String table, String batchId, Integer index, Long line, String channel, String fileName,
                   Instant receivedAt, JsonNode raw, boolean bytesOnly, JsonNode reasons, String stage,
                   Source source, Instant rejectedAt, String state, String stateBy, Instant stateAt, String stateReason,
                   Redrive redrive, Long redriveOf, List<Event> history) {

  /** The Kafka coordinates of the raw record it was made from. */
  record Source(String topic, int partition, long offset) {
  }

  /**
   * The row sent again: row {@code index} of batch {@code batchId}.
   *
   * @param outcome         recorded (not published yet), published, taken (the writer has it: written,
   *                        or waiting for a referenced row, see the batch's status) or rejected
   * @param values          the values it was sent with
   * @param corrected       true when an operator changed its values
   * @param rejectedAgainAs the rejection of the row sent again, when it was rejected again, and when
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Redrive(String batchId, int index, String status, String outcome, JsonNode values, boolean corrected,
                 Instant publishedAt, Instant takenAt, Long rejectedAgainAs, Instant rejectedAgainAt) {
  }

  /** Something that happened to a rejection. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Event(Instant at, String event, String by, String detail) {
  }

  RejectedRow withHistory(List<Event> events) {
    return new RejectedRow(id, table, batchId, index, line, channel, fileName, receivedAt, raw, bytesOnly, reasons,
        stage, source, rejectedAt, state, stateBy, stateAt, stateReason, redrive, redriveOf, events);
  }
}
