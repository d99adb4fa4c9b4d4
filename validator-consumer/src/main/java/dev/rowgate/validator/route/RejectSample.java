package dev.rowgate.validator.route;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import dev.rowgate.avro.JsonValue;
import dev.rowgate.avro.Origin;
import dev.rowgate.avro.RawField;
import dev.rowgate.avro.Reason;
import dev.rowgate.avro.RejectedRow;
import dev.rowgate.avro.SourceOffset;

/**
 * Keeps a rejected record within what Kafka takes. A raw row may be nearly as large as a Kafka
 * record, and its reasons larger still (one per unknown field), so a reject whose record would be
 * over {@link #BUDGET} becomes a sample of itself: its first fields and reasons with their texts
 * cut short, and a reason saying so and where the whole raw record is. Were it sent whole, Kafka
 * would refuse it and every transaction carrying it, for ever.
 */
final class RejectSample {

  /** The largest rejected record sent whole; a sample stays below it too, well under Kafka's 1 MB default. */
  static final int BUDGET = 512 * 1024;

  static final int MAX_FIELDS = 100;
  static final int MAX_REASONS = 100;
  static final int MAX_NAME = 100;
  static final int MAX_TEXT = 500;
  static final int MAX_PAYLOAD = 64 * 1024;

  private RejectSample() {
  }

  /** The sample of a reject whose record has {@code bytes} bytes. */
  static RejectedRow of(RejectedRow rejected, int bytes) {
    SourceOffset source = rejected.getSource();
    List<RawField> fields = rejected.getFields().stream().limit(MAX_FIELDS)
        .map(f -> new RawField(cut(f.getName(), MAX_NAME), cut(f.getValue())))
        .toList();
    List<Reason> reasons = new ArrayList<>(MAX_REASONS + 1);
    reasons.add(new Reason(null, "size", "the rejected record would be " + bytes + " bytes, more than the "
        + BUDGET + " it may have: kept are its first " + fields.size() + " of " + rejected.getFields().size()
        + " fields and " + Math.min(MAX_REASONS, rejected.getReasons().size()) + " of "
        + rejected.getReasons().size() + " reasons, texts cut to " + MAX_TEXT + " characters; the whole raw record "
        + "is " + source.getTopic() + "-" + source.getPartition() + "@" + source.getOffset()
        + " for as long as that topic keeps it"));
    rejected.getReasons().stream().limit(MAX_REASONS).map(r -> new Reason(cut(r.getField(), MAX_NAME),
        cut(r.getRule(), MAX_NAME), cut(r.getMessage(), MAX_TEXT))).forEach(reasons::add);
    ByteBuffer payload = rejected.getPayload();
    if (payload != null && payload.remaining() > MAX_PAYLOAD) {
      payload = payload.duplicate().limit(payload.position() + MAX_PAYLOAD).slice();
    }
    Origin origin = Origin.newBuilder(rejected.getOrigin())
        .setFileName(cut(rejected.getOrigin().getFileName(), MAX_TEXT)).build();
    return new RejectedRow(origin, source, fields, payload, reasons);
  }

  private static Object cut(Object value) {
    if (value instanceof CharSequence text) {
      return cut(text.toString(), MAX_TEXT);
    }
    return value instanceof JsonValue json ? new JsonValue(cut(json.getJson(), MAX_TEXT)) : value;
  }

  /** The text cut to {@code max} characters, and not inside a surrogate pair, with an ellipsis; null stays null. */
  static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end) + "…";
  }
}
