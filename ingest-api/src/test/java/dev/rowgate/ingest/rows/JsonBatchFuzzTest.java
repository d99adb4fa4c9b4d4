package dev.rowgate.ingest.rows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import dev.rowgate.service.problem.ApiException;
import dev.rowgate.service.test.Fuzz;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bodies of a JSON batch no one chose: each is 1 to 1000 row objects, or refused with a 4xx
 * problem; never another exception or a hang. A generated batch gives back each of its rows.
 * Seeded; a failure names the input.
 */
class JsonBatchFuzzTest {

  static final long SEED = 20261207L;

  @Test
  void everyBodyIsABatchOfRowObjectsOrRefusedWithA4xx() {
    SplittableRandom random = new SplittableRandom(SEED);
    int accepted = 0;
    int refused = 0;
    int inputs = 20_000;
    for (int i = 0; i < inputs; i++) {
      byte[] body = switch (i % 3) {
        case 0 -> Fuzz.noise(random, 100, "[]{}\":,1a \\");
        case 1 -> Fuzz.mutated(random, batch(random).getBytes(StandardCharsets.UTF_8));
        default -> batch(random).getBytes(StandardCharsets.UTF_8);
      };
      int input = i;
      try {
        List<JsonNode> rows = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), () -> JsonBatch.rows(body),
            () -> "input " + input + " of seed " + SEED + " hung");
        assertThat(rows).hasSizeBetween(1, JsonBatch.MAX_ROWS).allMatch(JsonNode::isObject);
        accepted++;
      } catch (ApiException e) {
        assertThat(e.status().is4xxClientError()).as("input %d of seed %d: %s", i, SEED, e.getMessage()).isTrue();
        refused++;
      }
    }
    System.out.printf("%d JSON batch bodies: %d accepted, %d refused (4xx)%n", inputs, accepted, refused);
    assertThat(accepted).isPositive();
    assertThat(refused).isPositive();
  }

  @Test
  void aGeneratedBatchGivesBackEachOfItsRows() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    for (int i = 0; i < 2_000; i++) {
      int count = random.nextInt(1, JsonBatch.MAX_ROWS + 1);
      StringBuilder json = new StringBuilder("[");
      for (int r = 0; r < count; r++) {
        json.append(r > 0 ? "," : "").append("{\"id\":").append(r).append(",\"name\":\"n").append(r).append("\"}");
      }
      List<JsonNode> rows = JsonBatch.rows(json.append(']').toString().getBytes(StandardCharsets.UTF_8));
      assertThat(rows).hasSize(count);
      assertThat(rows.get(count - 1).get("id").intValue()).isEqualTo(count - 1);
    }
  }

  /** A batch (an array, or {"rows": [...]}) of values of every kind, mostly objects. */
  static String batch(SplittableRandom random) {
    StringBuilder json = new StringBuilder();
    boolean wrapped = random.nextInt(4) == 0;
    json.append(wrapped ? "{\"rows\":[" : "[");
    int count = random.nextInt(8) == 0 ? random.nextInt(990, 1010) : random.nextInt(0, 5);
    for (int r = 0; r < count; r++) {
      json.append(r > 0 ? "," : "");
      switch (random.nextInt(10)) {
        case 0 -> json.append(random.nextInt());
        case 1 -> json.append("[1,2]");
        case 2 -> json.append("\"text\"");
        case 3 -> json.append("null");
        case 4 -> json.append("{\"a\":1,\"a\":2}");
        case 5 -> json.append("{\"name\":\"\\udc00x\"}");
        default -> json.append("{\"id\":").append(random.nextLong()).append(",\"name\":\"\\u00e9\u4e2d\",\"n\":")
            .append(random.nextDouble()).append(",\"o\":{\"x\":[true,null]}}");
      }
    }
    return json.append(wrapped ? "]}" : "]").toString();
  }
}
