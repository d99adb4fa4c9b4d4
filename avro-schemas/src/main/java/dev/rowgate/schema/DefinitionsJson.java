package dev.rowgate.schema;

import java.util.List;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Table definitions as the JSON that the database keeps for each applied version. */
public final class DefinitionsJson {

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final TypeReference<List<TableDefinition>> TABLES = new TypeReference<>() {
  };

  private DefinitionsJson() {
  }

  public static String write(List<TableDefinition> tables) {
    return JSON.writeValueAsString(tables);
  }

  public static List<TableDefinition> read(String json) {
    return JSON.readValue(json, TABLES);
  }
}
