package dev.rowgate.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import dev.rowgate.avro.JsonValue;
import org.junit.jupiter.api.Test;

class ColumnCheckTest {

  static final Table T = DefinitionFiles.parse(Map.of("t.yaml", """
      table: t
      key: id
      columns:
        - {name: id, type: bigint, min: 1}
        - {name: price, type: decimal, precision: 6, scale: 2, min: 0}
        - {name: paid, type: boolean}
        - {name: due, type: date, min: 2000-01-01}
        - {name: at, type: timestamp, max: "2030-01-01T00:00:00Z"}
        - {name: token, type: uuid}
        - {name: code, type: text, pattern: "[A-Z]{3}-\\\\d+", max_length: 8}
        - {name: state, type: text, one_of: [new, shipped]}
        - {name: size, type: integer, one_of: [1, 2, 3]}
      """)).table("t").orElseThrow();

  @Test
  void eachTypeReadsItsValuesFromJsonOrCsvText() throws Broken {
    assertThat(check("id", "9000000000")).isEqualTo(9_000_000_000L);
    assertThat(check("id", 7L)).isEqualTo(7L);
    assertThat(check("price", "12.5")).isEqualTo(new BigDecimal("12.50"));
    assertThat(check("price", 12.5)).isEqualTo(new BigDecimal("12.50"));
    assertThat(check("price", 3L)).isEqualTo(new BigDecimal("3.00"));
    assertThat(check("price", new JsonValue("1234.00"))).isEqualTo(new BigDecimal("1234.00"));
    assertThat(check("paid", true)).isEqualTo(true);
    assertThat(check("paid", "No")).isEqualTo(false);
    assertThat(check("paid", "1")).isEqualTo(true);
    assertThat(check("due", "2021-11-07")).isEqualTo(LocalDate.of(2021, 11, 7));
    assertThat(check("at", "2021-11-07T02:48:42+01:00")).isEqualTo(Instant.parse("2021-11-07T01:48:42Z"));
    assertThat(check("token", "123E4567-E89B-12D3-A456-426614174000"))
        .isEqualTo(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    assertThat(check("code", "ABC-12")).isEqualTo("ABC-12");
    assertThat(check("state", "shipped")).isEqualTo("shipped");
    assertThat(check("size", "2")).isEqualTo(2);
  }

  @Test
  void everyTypeAndRuleBreaksWithItsReason() {
    assertBroken("id", "0", "range", "id 0 is not between 1 and 9223372036854775807");
    assertBroken("price", "1.234", "precision", "price 1.234 has more than 2 digits after the decimal point (decimal(6, 2))");
    assertBroken("price", "12345", "precision",
        "price 12345 has more than 4 digits before the decimal point (decimal(6, 2))");
    assertBroken("price", "1e3000", "precision",
        "price 1000000000000000000000000000000000000000… has more than 4 digits before the decimal point (decimal(6, 2))");
    assertBroken("price", "-1", "range", "price -1.00 is less than 0");
    assertBroken("price", "NaN", "type", "price expected a decimal number, got 'NaN'");
    assertBroken("paid", "maybe", "type", "paid expected a boolean (true or false), got 'maybe'");
    assertBroken("due", "2021-02-30", "format", "due '2021-02-30' is not an ISO-8601 date, like 2021-11-07");
    assertBroken("due", "1999-12-31", "range", "due 1999-12-31 is before 2000-01-01");
    assertBroken("at", "2031-01-01T00:00:00Z", "range", "at 2031-01-01T00:00:00Z is after 2030-01-01T00:00:00Z");
    assertBroken("token", "1-1-1-1-1", "format",
        "token '1-1-1-1-1' is not a UUID, like 123e4567-e89b-12d3-a456-426614174000");
    assertBroken("token", 5L, "type", "token expected a UUID text, got the number 5");
    assertBroken("code", "abc-12", "pattern", "code 'abc-12' does not match the pattern [A-Z]{3}-\\d+");
    assertBroken("code", "ABC-12345", "length", "code has 9 characters, more than 8");
    assertBroken("state", "lost", "one_of", "state 'lost' is not one of new, shipped");
    assertBroken("size", "4", "one_of", "size 4 is not one of 1, 2, 3");
  }

  @Test
  void aStoredValueIsCheckedAgainstTheRulesAlone() {
    assertThatThrownBy(() -> T.check(column("state")).checkRules("lost")).isInstanceOf(Broken.class);
    assertThatThrownBy(() -> T.check(column("id")).checkRules(0L)).isInstanceOf(Broken.class);
  }

  private static Object check(String column, Object raw) throws Broken {
    return T.check(column(column)).check(raw);
  }

  private static Column column(String name) {
    return T.column(name).orElseThrow();
  }

  private static void assertBroken(String column, Object raw, String rule, String message) {
    assertThatThrownBy(() -> check(column, raw)).isInstanceOfSatisfying(Broken.class, broken -> {
      assertThat(broken.reason().getRule()).isEqualTo(rule);
      assertThat(broken.reason().getMessage()).isEqualTo(message);
      assertThat(broken.reason().getField()).isEqualTo(column);
    });
  }
}
