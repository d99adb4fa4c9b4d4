package dev.rowgate.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rowgate.avro.JsonValue;
import dev.rowgate.avro.RawField;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Raw values as they travel in a {@link dev.rowgate.avro.RawRow}: from a JSON object with their JSON
 * types kept, and back to JSON for the operator who reads a rejected row.
 */
public final class RawFields {

  private static final JsonMapper JSON = JsonMapper.shared();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RawFields() {
  }

  /** The members of a JSON object, in their order, each value in its closest Avro type. */
  public static List<RawField> fromJson(JsonNode object) {
    List<RawField> fields = new ArrayList<>(object.size());
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      fields.add(new RawField(member.getKey(), valueOf(member.getValue())));
    }
    return fields;
  }

  private static Object valueOf(JsonNode node) {
    if (node.isNull()) {
      return null;
    }
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isDouble() || node.isFloat()) {
      return node.doubleValue();
    }
    return new JsonValue(node.toString());
  }

  /** The raw fields as one JSON object, for the errors table's jsonb ({@link JsonbText}). */
  public static String toJson(List<RawField> fields) {
    ObjectNode object = NODES.objectNode();
    for (RawField field : fields) {
      object.set(field.getName(), nodeOf(field.getValue()));
    }
    return JsonbText.of(object);
  }

  private static JsonNode nodeOf(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof String text) {
      return NODES.stringNode(text);
    }
    if (value instanceof Long number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Double number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Boolean bool) {
      return NODES.booleanNode(bool);
    }
    return JSON.readTree(((JsonValue) value).getJson());
  }
}
