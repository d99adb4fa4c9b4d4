package dev.rowgate.dbwriter.persist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rowgate.avro.Origin;
import dev.rowgate.dbwriter.batch.BatchCounters;
import dev.rowgate.dbwriter.batch.Tally;
import dev.rowgate.dbwriter.errors.Reject;
import dev.rowgate.dbwriter.errors.RejectedRowWriter;
import dev.rowgate.schema.Definitions;
import dev.rowgate.schema.RowCodec;
import dev.rowgate.schema.Table;
import dev.rowgate.schema.ValidRowSchema;
import dev.rowgate.service.definitions.AppliedDefinitions;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Persists one poll in one transaction: the offsets of its partitions are locked and records
 * already persisted are skipped, as are copies of redriven rows taken before ({@link RedriveCopies}); valid rows go to their tables (or wait for the rows they name, see
 * {@link ReferenceWaits}) and refused rows to their errors tables, each table after those it
 * references; then the offsets move on and the batches' counts grow. A poll is written with the
 * table definitions applied a while before it began ({@link AppliedDefinitions#latest()}), or with
 * those of the newest schema of its records, so that no column a record holds is lost by reading
 * it into an older schema. Rows that waited are written or refused in transactions of their own,
 * with their batches' counts.
 */
@Component
final class BatchWriter {

  private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

  private final TransactionTemplate transaction;
  private final AppliedDefinitions definitions;
  private final RowCodec codec;
  private final OffsetFence offsets;
  private final ValidRowWriter validRows;
  private final ReferenceWaits waits;
  private final RejectedRowWriter rejectedRows;
  private final RedriveCopies redriveCopies;
  private final BatchCounters counters;
  private final IndexedLookups lookups;
  private final MeterRegistry meters;
  private final String group;

  BatchWriter(PlatformTransactionManager transactions, AppliedDefinitions definitions, RowCodec codec,
              OffsetFence offsets, ValidRowWriter validRows, ReferenceWaits waits, RejectedRowWriter rejectedRows,
              RedriveCopies redriveCopies, BatchCounters counters, IndexedLookups lookups, MeterRegistry meters,
              @Value("${spring.kafka.consumer.group-id}") String group) {
    this.transaction = new TransactionTemplate(transactions);
    this.definitions = definitions;
    this.codec = codec;
    this.offsets = offsets;
    this.validRows = validRows;
    this.waits = waits;
    this.rejectedRows = rejectedRows;
    this.redriveCopies = redriveCopies;
    this.counters = counters;
    this.lookups = lookups;
    this.meters = meters;
    this.group = group;
  }

  void write(List<ConsumerRecord<byte[], byte[]>> records) {
    Poll poll = new Poll(records);
    try {
      count(persist(poll));
    } catch (RuntimeException e) {
      log.warn("cannot persist a poll of {} records, it will be retried: {}", poll.size(), e.getMessage());
      throw e;
    }
  }

  private Tally persist(Poll poll) {
    Definitions applied = definitions.latest(poll.validSchemas(codec));
    return transaction.execute(status -> {
      lookups.forThisTransaction();
      Map<TopicPartition, Long> next = offsets.lock(group, poll.firstOffsets());
      Poll.Rows rows = poll.rowsFrom(next, applied, codec);
      redriveCopies.dropFrom(rows);
      Tally written = new Tally();
      rows.valid.forEach((table, valid) -> writeValid(table, valid, rows.rejected.get(table), written));
      rejectedRows.write(rows.rejected, written);
      offsets.advance(group, poll.nextOffsets());
      counters.add(written);
      if (rows.skipped > 0) {
        log.warn("skipped {} records of topics of no defined table", rows.skipped);
      }
      return written;
    });
  }

  /**
   * A table's valid rows of the poll: counted; the waiting rows of their keys, older than them,
   * dropped; written; those that only miss a referenced row set waiting, the other refused ones
   * added to the table's rejects.
   */
  private void writeValid(Table table, List<GenericRecord> valid, List<Reject> rejects, Tally written) {
    valid.forEach(row -> {
      Origin origin = (Origin) row.get(ValidRowSchema.ORIGIN);
      written.valid(table.name(), origin.getBatchId(), origin.getChannel().name(), 1);
    });
    waits.release(table, valid, written);
    rejects.addAll(waits.park(table, valid, validRows.write(table, valid), written));
  }

  /** Writes or refuses the rows that waited for referenced rows and may do so now (a page of each table). */
  void resumeWaiting() {
    count(transaction.execute(status -> {
      lookups.forThisTransaction();
      Tally resumed = new Tally();
      Map<Table, List<Reject>> refused = new LinkedHashMap<>();
      for (Table table : definitions.current().tables()) {
        if (!table.referenceColumns().isEmpty()) {
          refused.put(table, waits.resume(table, validRows, resumed));
        }
      }
      rejectedRows.write(refused, resumed);
      counters.add(resumed);
      return resumed;
    }));
  }

  /**
   * The stored offsets of partitions just assigned, after forgetting those of topics that were
   * deleted and created again.
   *
   * @param topicIds the id Kafka gives each of their topics now, by name
   */
  Map<TopicPartition, Long> storedOffsets(List<TopicPartition> partitions, Map<String, String> topicIds) {
    offsets.forgetOtherTopicsOfTheSameName(group, topicIds);
    return offsets.read(group, partitions);
  }

  private void count(Tally tally) {
    tally.tables().forEach((table, counts) -> {
      meters.counter("rowgate.rows.persisted", "table", table).increment(counts.persisted());
      meters.counter("rowgate.rows.rejected", "table", table, "stage", "validator")
          .increment(counts.rejectedByValidator());
      meters.counter("rowgate.rows.rejected", "table", table, "stage", "writer")
          .increment(counts.rejectedByWriter());
    });
  }
}
