package dev.rowgate.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.rowgate.avro.JsonValue;
import dev.rowgate.avro.RawField;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RawFieldsTest {

  @Test
  void jsonMembersKeepTheirTypesAndOrderAndComeBackAsTheSameJson() {
    String json = "{\"id\":12,\"name\":\"Ann\",\"ok\":false,\"x\":2.5,\"big\":123456789012345678901,\"o\":{\"a\":[1]},\"n\":null}";

    List<RawField> fields = RawFields.fromJson(JsonMapper.shared().readTree(json));

    assertThat(fields).containsExactly(new RawField("id", 12L), new RawField("name", "Ann"), new RawField("ok", false),
        new RawField("x", 2.5), new RawField("big", new JsonValue("123456789012345678901")),
        new RawField("o", new JsonValue("{\"a\":[1]}")), new RawField("n", null));
    assertThat(RawFields.toJson(fields)).isEqualTo(json);
  }
}
