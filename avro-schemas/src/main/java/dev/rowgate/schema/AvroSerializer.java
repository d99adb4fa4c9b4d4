package dev.rowgate.schema;

import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer writing any rowgate record in Avro single-object encoding. */
public final class AvroSerializer implements Serializer<IndexedRecord> {

  @Override
  public byte[] serialize(String topic, IndexedRecord data) {
    return data == null ? null : AvroCodec.encode(data);
  }
}
