package dev.rowgate.validator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rowgate.avro.Channel;
import dev.rowgate.avro.JsonValue;
import dev.rowgate.avro.Origin;
import dev.rowgate.avro.RawField;
import dev.rowgate.avro.RawRow;
import dev.rowgate.avro.Reason;
import dev.rowgate.schema.DefinitionFiles;
import dev.rowgate.schema.Table;
import dev.rowgate.service.test.TestDefinitions;
import org.junit.jupiter.api.Test;

class RowValidatorTest {

  static final Table HIRES = TestDefinitions.table("hired_employees");

  @Test
  void aCompleteHireIsValidWithTypedValues() {
    Verdict verdict = validate(Channel.API_JSON, field("id", 7L), field("name", "O'Boyle"),
        field("datetime", "2021-11-07T02:48:42-03:00"), field("department_id", "2"), field("job_id", 96L));

    assertThat(verdict).isEqualTo(new Verdict.Valid(Map.of("id", 7, "name", "O'Boyle",
        "datetime", Instant.parse("2021-11-07T05:48:42Z"), "department_id", 2, "job_id", 96)));
  }

  @Test
  void everyBrokenRuleIsReportedNotOnlyTheFirst() {
    Verdict verdict = validate(Channel.API_JSON, field("id", 0L), field("name", "   "),
        field("datetime", "2021-11-07 02:48:42"), field("department_id", 1.5), field("color", "red"));

    assertThat(reasons(verdict)).containsExactly(
        reason("id", "range", "id 0 is not between 1 and 2147483647"),
        reason("name", "not_blank", "name is blank"),
        reason("datetime", "format",
            "datetime '2021-11-07 02:48:42' is not an ISO-8601 date-time with an offset, like 2021-11-07T02:48:42Z"),
        reason("department_id", "type", "department_id expected an integer, got the number 1.5"),
        reason("job_id", "required", "job_id is missing"),
        reason("color", "unknown", "color is not a column of hired_employees"));
  }

  @Test
  void anEmptyCsvValueAndANullJsonValueAreMissingValues() {
    assertThat(reasons(validate(Channel.API_CSV, field("id", "2"), field("name", "Ty Hofer"),
        field("datetime", "2021-05-30T05:43:46Z"), field("department_id", "8"), field("job_id", ""))))
        .containsExactly(reason("job_id", "required", "job_id is empty"));
    assertThat(reasons(validate(Channel.API_JSON, field("id", 2L), field("name", null),
        field("datetime", "2021-05-30T05:43:46Z"), field("department_id", 8L), field("job_id", 1L))))
        .containsExactly(reason("name", "required", "name is null"));
  }

  @Test
  void aCsvRecordWithTooFewValuesIsRefusedForItsWidth() {
    assertThat(reasons(validate(Channel.API_CSV, field("id", "2"), field("name", "Ty"),
        field("datetime", "2021-05-30T05:43:46Z"), field("department_id", "8"))))
        .containsExactly(new Reason(null, "columns", "expected 5 values, found 4"),
            reason("job_id", "required", "job_id is missing"));
  }

  @Test
  void integersOutsideTheIntRangeAndMistypedValuesAreRefused() {
    assertThat(reasons(validate(Channel.API_JSON, field("id", new JsonValue("99999999999999999999")),
        field("name", 5L), field("datetime", true), field("department_id", "12abc"),
        field("job_id", new JsonValue("{\"a\":1}")))))
        .extracting(Reason::getRule).containsExactly("range", "type", "type", "type", "type");
  }

  @Test
  void anIntegerIsAJsonIntegerOrDigitsWithAnOptionalSignAndNothingElse() {
    assertThat(validate(Channel.API_JSON, field("id", "+506"), field("name", "Ty"),
        field("datetime", "2021-05-30T05:43:46Z"), field("department_id", "8"), field("job_id", 1L)))
        .isEqualTo(new Verdict.Valid(Map.of("id", 506, "name", "Ty",
            "datetime", Instant.parse("2021-05-30T05:43:46Z"), "department_id", 8, "job_id", 1)));
    assertThat(reasons(validate(Channel.API_JSON, field("id", 506.0), field("name", "Ty"),
        field("datetime", "2021-05-30T05:43:46Z"), field("department_id", " 8"), field("job_id", "1.0"))))
        .containsExactly(reason("id", "type", "id expected an integer, got the number 506.0"),
            reason("department_id", "type", "department_id expected an integer, got ' 8'"),
            reason("job_id", "type", "job_id expected an integer, got '1.0'"));
  }

  @Test
  void textLongerThan255CharactersOrWithANulCharacterIsRefused() {
    String long256 = "é".repeat(256);
    assertThat(reasons(validate(Channel.API_JSON, field("id", 1L), field("name", long256),
        field("datetime", "2021-05-30T05:43:46Z"), field("department_id", 8L), field("job_id", 1L))))
        .containsExactly(reason("name", "length", "name has 256 characters, more than 255"));
    assertThat(reasons(validate(Channel.API_JSON, field("id", 1L), field("name", "a\0b"),
        field("datetime", "2021-05-30T05:43:46Z"), field("department_id", 8L), field("job_id", 1L))))
        .extracting(Reason::getRule).containsExactly("characters");
    assertThat(reasons(validate(Channel.PRODUCER, field("id", 1L), field("name", "a\ud800b"),
        field("datetime", "2021-05-30T05:43:46Z"), field("department_id", 8L), field("job_id", 1L))))
        .containsExactly(reason("name", "characters", "name contains half of a UTF-16 surrogate pair, which is no character"));
    assertThat(validate(Channel.API_JSON, field("id", 1L), field("name", "é".repeat(254) + "\ud83d\ude00"),
        field("datetime", "2021-05-30T05:43:46Z"), field("department_id", 8L), field("job_id", 1L)))
        .isInstanceOf(Verdict.Valid.class);
  }

  @Test
  void dateTimesNeedAnOffsetAndAtMostMicroseconds() {
    assertThat(reasons(validate(Channel.API_JSON, field("id", 1L), field("name", "a"),
        field("datetime", "2021-05-30T05:43:46"), field("department_id", 8L), field("job_id", 1L))))
        .extracting(Reason::getRule).containsExactly("format");
    assertThat(reasons(validate(Channel.API_JSON, field("id", 1L), field("name", "a"),
        field("datetime", "2021-05-30T05:43:46.1234567Z"), field("department_id", 8L), field("job_id", 1L))))
        .extracting(Reason::getMessage).containsExactly("datetime is more precise than a microsecond");
    assertThat(validate(Channel.API_JSON, field("id", 1L), field("name", "a"),
        field("datetime", "2021-05-30T05:43:46.123456+05:30"), field("department_id", 8L), field("job_id", 1L)))
        .isInstanceOf(Verdict.Valid.class);
  }

  @Test
  void theYearOfADateTimeIsCheckedInUtcWhereTheReportsCountIt() {
    for (String text : List.of("9999-12-31T23:00:00-05:00", "0001-01-01T00:30:00+01:00")) {
      assertThat(reasons(validate(Channel.API_JSON, field("id", 1L), field("name", "a"), field("datetime", text),
          field("department_id", 8L), field("job_id", 1L)))).as(text).extracting(Reason::getRule)
          .containsExactly("range");
    }
    assertThat(reasons(validate(Channel.API_JSON, field("id", 1L), field("name", "a"),
        field("datetime", "9999-12-31T23:00:00-05:00"), field("department_id", 8L), field("job_id", 1L))))
        .extracting(Reason::getMessage).containsExactly("datetime year 10000 in UTC is not between 1 and 9999");
    for (String text : List.of("+10000-01-01T02:00:00+05:00", "0000-12-31T23:30:00-01:00",
        "9999-12-31T23:59:59.999999Z", "0001-01-01T00:00:00Z")) {
      assertThat(validate(Channel.API_JSON, field("id", 1L), field("name", "a"), field("datetime", text),
          field("department_id", 8L), field("job_id", 1L))).as(text).isInstanceOf(Verdict.Valid.class);
    }
  }

  @Test
  void theQuickReadingOfUtcTimestampsAgreesWithTheIsoFormatter() {
    for (String text : List.of("2021-11-07T02:48:42Z", "2024-02-29T23:59:59Z", "2021-02-29T00:00:00Z",
        "2021-02-30T10:00:00Z", "2021-13-01T00:00:00Z", "2021-00-10T00:00:00Z", "2021-12-31T24:00:00Z",
        "2021-12-31T23:60:00Z", "2021-12-31T23:59:60Z", "0000-01-01T00:00:00Z", "2021-1-07T02:48:42Z")) {
      Verdict verdict = validate(Channel.API_JSON, field("id", 1L), field("name", "a"), field("datetime", text),
          field("department_id", 8L), field("job_id", 1L));
      boolean isoAccepts;
      try {
        OffsetDateTime parsed = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        isoAccepts = parsed.getYear() >= 1;
      } catch (DateTimeException e) {
        isoAccepts = false;
      }
      assertThat(verdict instanceof Verdict.Valid).as(text).isEqualTo(isoAccepts);
    }
  }

  @Test
  void aFieldGivenTwiceIsRefused() {
    Verdict departments = RowValidator.validate(TestDefinitions.table("departments"), row(Channel.API_CSV,
        field("id", "1"), field("department", "A"), field("department", "B")));
    assertThat(reasons(departments)).containsExactly(
        reason("department", "duplicate", "department is given more than once"),
        new Reason(null, "columns", "expected 2 values, found 3"));
  }

  @Test
  void anOptionalColumnNotGivenIsNullOrItsDefaultAndACsvRecordMayLeaveOutTheTrailingOnes() {
    Table orders = DefinitionFiles.parse(Map.of("orders.yaml", """
        table: orders
        key: id
        columns:
          - {name: id, type: integer}
          - {name: note, type: text, required: false}
          - {name: total, type: decimal, precision: 6, scale: 2}
          - {name: channel, type: text, default: web}
          - {name: coupon, type: text, required: false}
        """)).table("orders").orElseThrow();

    Verdict csv = RowValidator.validate(orders, row(Channel.API_CSV, field("id", "1"), field("note", ""),
        field("total", "3.5")));
    assertThat(((Verdict.Valid) csv).values()).containsExactly(Map.entry("id", 1), entry("note", null),
        Map.entry("total", new BigDecimal("3.50")), Map.entry("channel", "web"), entry("coupon", null));
    Verdict json = RowValidator.validate(orders, row(Channel.API_JSON, field("id", 1L), field("total", 3L),
        field("channel", "shop"), field("coupon", null)));
    assertThat(((Verdict.Valid) json).values()).containsEntry("channel", "shop").containsEntry("coupon", null);
    assertThat(reasons(RowValidator.validate(orders, row(Channel.API_CSV, field("id", "1"), field("note", "x")))))
        .containsExactly(new Reason(null, "columns", "expected 3 to 5 values, found 2"),
            reason("total", "required", "total is missing"));
  }

  private static Map.Entry<String, Object> entry(String key, Object value) {
    return new AbstractMap.SimpleEntry<>(key, value);
  }

  private static Verdict validate(Channel channel, RawField... fields) {
    return RowValidator.validate(HIRES, row(channel, fields));
  }

  private static RawRow row(Channel channel, RawField... fields) {
    Origin origin = new Origin(channel, "b", 0, null, null, Instant.EPOCH);
    return new RawRow(origin, new ArrayList<>(List.of(fields)));
  }

  private static List<Reason> reasons(Verdict verdict) {
    return verdict instanceof Verdict.Rejected rejected ? rejected.reasons() : List.of();
  }

  private static RawField field(String name, Object value) {
    return new RawField(name, value);
  }

  private static Reason reason(String field, String rule, String message) {
    return new Reason(field, rule, message);
  }
}
