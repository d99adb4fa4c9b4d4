package dev.rowgate.ingest;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits and timings of the ingest API.
 * The defaults of those an environment variable sets are in application.yml, beside its name;
 * the others' in {@code @DefaultValue}.
 *
 * @param maxJsonBody         the largest JSON batch body; a larger one gets 413
 * @param publishTimeout      how long a request waits for Kafka to acknowledge its rows
 * @param maxWait             the longest {@code ?wait=} a batch status request may ask for
 * @param idempotencyRetention how long an Idempotency-Key is remembered from its request; then it is free again
 * @param sweep               how often the Idempotency-Keys and batches older than their retention are deleted
 * @param maxRejectedPageSize the most rejected rows on one page of a batch's status
 * @param batchRetention      how long a batch's status is kept from its start (its rejected rows stay
 *                            in the errors table)
 * @param lease               how long a running request keeps its batch and its Idempotency-Key without a
 *                            sign of life from its instance (renewed every quarter of it); then the batch
 *                            shows as abandoned and another request may take the key over
 * @param redriveChunk        how many redriven rows are published, and recorded as published, at a time
 * @param redriveRelay        how often every instance publishes the redriven rows that were recorded but
 *                            not published (their instance stopped, or Kafka refused them)
 * @param errorsGauge         how often the open rejections of each table and rule are counted for the metrics
 */
@Validated
@ConfigurationProperties("rowgate.ingest")
public record IngestProperties(DataSize maxJsonBody,
                               Duration publishTimeout,
                               @DefaultValue("60s") Duration maxWait,
                               Duration idempotencyRetention,
                               @DefaultValue("10m") Duration sweep,
                               @DefaultValue("1000") @Min(1) int maxRejectedPageSize,
                               Duration batchRetention,
                               @DefaultValue("60s") Duration lease,
                               @DefaultValue("1000") @Min(1) int redriveChunk,
                               @DefaultValue("5s") Duration redriveRelay,
                               @DefaultValue("15s") Duration errorsGauge) {
}
