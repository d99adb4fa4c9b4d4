package dev.rowgate.validator.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import dev.rowgate.avro.Channel;
import dev.rowgate.avro.Origin;
import dev.rowgate.avro.RawField;
import dev.rowgate.avro.RawRow;
import dev.rowgate.avro.RejectedRow;
import dev.rowgate.schema.AvroCodec;
import dev.rowgate.schema.RowCodec;
import dev.rowgate.schema.Table;
import dev.rowgate.service.test.TestDefinitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Raw records no one chose, routed as the validator routes them: every one becomes a valid row or
 * a rejected row with at least one reason, never an exception (which would stop the poll and
 * retry it for ever) or a hang. The inputs come from a seeded generator; a failure names the
 * seed and the input, so it can be run again.
 */
class RawRecordFuzzTest {

  static final Table HIRES = TestDefinitions.table("hired_employees");
  static final RowCodec CODEC = new RowCodec(null, null);
  static final int INPUTS = 20_000;
  static final long SEED = 20261207L;

  @Test
  void everyRawRecordIsRoutedAsAValidRowOrARejectedOneWithItsReasons() {
    SplittableRandom random = new SplittableRandom(SEED);
    int valid = 0;
    int rejected = 0;
    for (int i = 0; i < INPUTS; i++) {
      byte[] value = switch (i % 4) {
        case 0 -> bytes(random);
        case 1 -> mutated(random, json(random).getBytes(StandardCharsets.UTF_8));
        case 2 -> (random.nextBoolean() ? json(random) : hire(random)).getBytes(StandardCharsets.UTF_8);
        default -> mutated(random, AvroCodec.encode(rawRow(random)));
      };
      ConsumerRecord<byte[], byte[]> raw = new ConsumerRecord<>(HIRES.rawTopic(), i % 6, i, null, value);
      int input = i;
      RowRouter.Routed routed = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5),
          () -> RowRouter.route(HIRES, raw, CODEC), () -> "input " + input + " of seed " + SEED + " hung");
      if (routed.valid()) {
        valid++;
        assertThat(routed.record().topic()).isEqualTo(HIRES.validTopic());
      } else {
        rejected++;
        assertThat(routed.record().topic()).isEqualTo(HIRES.rejectedTopic());
        RejectedRow row = AvroCodec.decodeRejectedRow(routed.record().value());
        assertThat(row.getReasons()).as("reasons of input %d of seed %d", i, SEED).isNotEmpty();
        assertThat(row.getSource().getOffset()).isEqualTo(i);
      }
    }
    System.out.printf("%d raw records routed: %d valid, %d rejected%n", INPUTS, valid, rejected);
    assertThat(valid + rejected).isEqualTo(INPUTS);
    assertThat(valid).as("some generated rows are valid").isPositive();
    assertThat(rejected).as("and some are not").isPositive();
  }

  /** A JSON object of the table's fields and others, with values of every kind, some as a row should have them. */
  static String json(SplittableRandom random) {
    StringBuilder json = new StringBuilder("{");
    List<String> names = List.of("id", "name", "datetime", "department_id", "job_id", "extra", "", "ID", "name ");
    int fields = random.nextInt(7);
    for (int f = 0; f < fields; f++) {
      if (f > 0) {
        json.append(',');
      }
      json.append('"').append(names.get(random.nextInt(names.size()))).append("\":").append(value(random));
    }
    return json.append('}').toString();
  }

  /** A hire as a producer would send it, its values within the rules or just outside them. */
  static String hire(SplittableRandom random) {
    return "{\"id\":" + random.nextInt(-1, 100_000) + ",\"name\":\"" + (random.nextInt(10) == 0 ? "" : "Hire")
        + "\",\"datetime\":\"2021-0" + random.nextInt(1, 10) + "-1" + random.nextInt(10) + "T10:00:00"
        + (random.nextInt(10) == 0 ? "" : "Z") + "\",\"department_id\":" + random.nextInt(0, 13) + ",\"job_id\":"
        + random.nextInt(1, 184) + "}";
  }

  static String value(SplittableRandom random) {
    return switch (random.nextInt(12)) {
      case 0 -> "null";
      case 1 -> "true";
      case 2 -> String.valueOf(random.nextLong());
      case 3 -> String.valueOf(random.nextInt(1, 20));
      case 4 -> String.valueOf(random.nextDouble() * 1e6);
      case 5 -> "\"2021-0" + random.nextInt(1, 10) + "-1" + random.nextInt(10) + "T0" + random.nextInt(10) + ":00:00Z\"";
      case 6 -> "\"" + text(random) + "\"";
      case 7 -> "[1,\"a\",{}]";
      case 8 -> "{\"nested\":" + random.nextInt() + "}";
      case 9 -> "1e400";
      case 10 -> "\"\\ud800\"";
      default -> "\"Hire " + random.nextInt(1000) + "\"";
    };
  }

  static String text(SplittableRandom random) {
    int[] alphabet = "abc XYZ 019 ,;\"\\\t\u00e9\u4e2d\ud83d\ude00\u0000\ufffd".codePoints().toArray();
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(12);
    for (int c = 0; c < length; c++) {
      int chosen = alphabet[random.nextInt(alphabet.length)];
      if (chosen == '"' || chosen == '\\') {
        text.append('\\');
      }
      text.appendCodePoint(chosen == '\t' ? ' ' : chosen);
    }
    return text.toString().replace("\u0000", "\\u0000");
  }

  static RawRow rawRow(SplittableRandom random) {
    Origin origin = new Origin(Channel.API_JSON, "batch-" + random.nextInt(100), random.nextInt(1000), null, null,
        java.time.Instant.ofEpochSecond(random.nextLong(-100_000_000_000L, 100_000_000_000L)));
    return new RawRow(origin, List.of(new RawField("id", (long) random.nextInt(-5, 100)),
        new RawField("name", random.nextBoolean() ? "Hire" : text(random)),
        new RawField("datetime", random.nextBoolean() ? "2021-03-04T05:06:07Z" : text(random)),
        new RawField("department_id", random.nextBoolean() ? 3L : (Object) random.nextDouble()),
        new RawField("job_id", random.nextBoolean() ? 5L : null)));
  }

  static byte[] bytes(SplittableRandom random) {
    byte[] bytes = new byte[random.nextInt(64)];
    random.nextBytes(bytes);
    return bytes;
  }

  /** The bytes with a few of them changed, cut short, or grown. */
  static byte[] mutated(SplittableRandom random, byte[] bytes) {
    byte[] out = bytes.clone();
    switch (random.nextInt(3)) {
      case 0 -> {
        for (int m = random.nextInt(1, 4); m > 0 && out.length > 0; m--) {
          out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
      }
      case 1 -> out = java.util.Arrays.copyOf(out, random.nextInt(out.length + 1));
      default -> out = java.util.Arrays.copyOf(out, out.length + random.nextInt(1, 8));
    }
    return out;
  }
}
