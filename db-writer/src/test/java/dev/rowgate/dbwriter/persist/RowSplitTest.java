package dev.rowgate.dbwriter.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.rowgate.avro.Channel;
import dev.rowgate.avro.HiredEmployee;
import dev.rowgate.avro.Origin;
import dev.rowgate.avro.SourceOffset;
import dev.rowgate.dbwriter.errors.Reject;
import dev.rowgate.schema.DataDictionary;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class RowSplitTest {

  /** The database of this test: departments 1 and 2, job 1, and hire 10 already written. */
  static final Map<String, Set<Integer>> DATABASE = Map.of("departments", Set.of(1, 2), "jobs", Set.of(1),
      "hired_employees", Set.of(10));

  @Test
  void rowsNamingAMissingRowAreRefusedWithEveryMissingReference() {
    RowSplit split = split(hire(1, 1, 1, "a"), hire(2, 9, 7, "b"));

    assertThat(split.fresh()).extracting(r -> r.get("id")).containsExactly(1);
    assertThat(split.refused()).singleElement().extracting(Refusal::reject).satisfies(reject -> {
      assertThat(reject.cause()).isEqualTo(Reject.Cause.REFUSED_BY_WRITER);
      assertThat(reject.row().getReasons()).extracting(r -> r.getField() + ": " + r.getMessage()).containsExactly(
          "department_id: department_id 9 names no row of departments", "job_id: job_id 7 names no row of jobs");
      assertThat(reject.row().getFields()).extracting(f -> f.getName() + "=" + f.getValue())
          .containsExactly("id=2", "name=b", "datetime=2021-01-01T00:00:00Z", "department_id=9", "job_id=7");
    });
  }

  @Test
  void theLastGoodRowOfAnIdWinsAndGoesToTheUpsertsWhenTheTableHoldsItsId() {
    RowSplit split = split(hire(3, 1, 1, "first"), hire(10, 1, 1, "old id"), hire(3, 2, 1, "second"),
        hire(3, 99, 1, "refused last"));

    assertThat(split.fresh()).extracting(r -> r.get("id") + " " + r.get("name")).containsExactly("3 second");
    assertThat(split.existing()).extracting(r -> r.get("id") + " " + r.get("name")).containsExactly("10 old id");
    assertThat(split.refused()).hasSize(1);
  }

  private static RowSplit split(GenericRecord... rows) {
    return RowSplit.of(DataDictionary.HIRED_EMPLOYEES, List.of(rows), (table, ids) -> {
      Set<Integer> present = DATABASE.get(table);
      return Arrays.stream(ids).filter(present::contains).boxed().collect(Collectors.toSet());
    });
  }

  private static HiredEmployee hire(int id, int department, int job, String name) {
    return new HiredEmployee(id, name, Instant.parse("2021-01-01T00:00:00Z"), department, job,
        new Origin(Channel.API_JSON, "b", id, null, null, Instant.EPOCH), new SourceOffset("t", 0, (long) id));
  }
}
