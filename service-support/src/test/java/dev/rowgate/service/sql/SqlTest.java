package dev.rowgate.service.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SqlTest {

  @Test
  void anUpsertChangesARowOnlyWhereAValueDiffers() {
    assertThat(Sql.onConflictUpdateChanged(List.of("id"), List.of("name", "job \"x\"")))
        .isEqualTo("ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\", \"job \"\"x\"\"\" = "
            + "EXCLUDED.\"job \"\"x\"\"\" WHERE ROW(t.\"name\", t.\"job \"\"x\"\"\") IS DISTINCT FROM "
            + "ROW(EXCLUDED.\"name\", EXCLUDED.\"job \"\"x\"\"\")");
  }

  @Test
  void aTableOfOnlyItsKeyKeepsTheRowItHas() {
    assertThat(Sql.onConflictUpdateChanged(List.of("a", "b"), List.of())).isEqualTo("ON CONFLICT (\"a\", \"b\") DO NOTHING");
  }
}
