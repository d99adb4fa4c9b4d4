package dev.rowgate.ingest.publish;

/**
 * The answer to an accepted batch: every row is in Kafka.
 *
 * @param batchId the batch's id
 * @param table   its table
 * @param rows    rows published, each now on its way to the table or to its errors table
 * @param status  where its status is
 */
public record AcceptedBatch(String batchId, String table, long rows, String status) {
}
