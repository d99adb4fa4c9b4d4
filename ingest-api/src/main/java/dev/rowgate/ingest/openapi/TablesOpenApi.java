package dev.rowgate.ingest.openapi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import dev.rowgate.schema.Column;
import dev.rowgate.schema.Definitions;
import dev.rowgate.schema.Table;
import dev.rowgate.service.definitions.AppliedDefinitions;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The OpenAPI document as the applied table definitions make it: the {@code table} of every path
 * is one of the tables, and each table's row is a schema of its own ({@code TableRow.<table>}),
 * which a JSON batch's rows follow. The document is made anew for each request
 * ({@code springdoc.cache.disabled}), so it follows a new version of the definitions.
 */
@Component
final class TablesOpenApi implements OpenApiCustomizer {

  static final String ROW = "TableRow.";

  private final AppliedDefinitions definitions;

  TablesOpenApi(AppliedDefinitions definitions) {
    this.definitions = definitions;
  }

  @Override
  public void customise(OpenAPI openApi) {
    Definitions applied = definitions.current();
    applied.tables().forEach(table -> openApi.getComponents().addSchemas(ROW + table.name(), row(table)));
    if (openApi.getPaths() == null) {
      return;
    }
    openApi.getPaths().forEach((path, item) -> {
      if (path.contains("{table}")) {
        item.readOperations().forEach(operation -> tableParameter(operation, applied));
      }
      if (path.equals("/api/v1/tables/{table}/rows")) {
        rowsBody(item, applied);
      }
    });
  }

  private static void tableParameter(Operation operation, Definitions applied) {
    if (operation.getParameters() == null) {
      return;
    }
    for (Parameter parameter : operation.getParameters()) {
      if ("table".equals(parameter.getName()) && "path".equals(parameter.getIn())) {
        StringSchema tables = new StringSchema();
        tables.setEnum(applied.names());
        parameter.setSchema(tables);
        parameter.setDescription("A table of the applied definitions (version " + applied.version() + ")");
      }
    }
  }

  /** The rows of a batch are rows of the table in the path: of one of the tables' row schemas. */
  private static void rowsBody(PathItem item, Definitions applied) {
    Operation post = item.getPost();
    if (post == null || post.getRequestBody() == null || applied.isEmpty()) {
      return;
    }
    Schema<Object> row = new Schema<>();
    row.setOneOf(applied.tables().stream().map(t -> new Schema<>().$ref("#/components/schemas/" + ROW + t.name()))
        .map(s -> (Schema) s).toList());
    ArraySchema rows = new ArraySchema();
    rows.setItems(row);
    rows.setMinItems(1);
    rows.setMaxItems(1000);
    rows.setDescription("1 to 1000 rows of the table in the path (TableRow.<table>), or {\"rows\": [...]}");
    Content content = post.getRequestBody().getContent();
    MediaType json = content.get(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
    if (json != null) {
      Object example = json.getSchema() == null ? null : json.getSchema().getExample();
      rows.setExample(example);
      json.setSchema(rows);
    }
  }

  /** A table's row as JSON: each column with its type and rules; the columns every row must give are required. */
  static Schema<?> row(Table table) {
    ObjectSchema row = new ObjectSchema();
    row.setDescription(table.description().isEmpty() ? "A row of " + table.name() : table.description());
    row.setAdditionalProperties(false);
    List<String> required = new ArrayList<>();
    for (Column column : table.columns()) {
      Schema<?> schema = column(column);
      if (!column.description().isEmpty()) {
        schema.setDescription(column.description());
      }
      if (!column.required()) {
        schema.setNullable(true);
      }
      row.addProperty(column.name(), schema);
      if (column.mustBeGiven()) {
        required.add(column.name());
      }
    }
    row.setRequired(required);
    return row;
  }

  private static Schema<?> column(Column column) {
    Column.Rules rules = column.rules();
    Schema<?> schema = switch (column.type()) {
      case INTEGER -> new IntegerSchema().format("int32");
      case BIGINT -> new IntegerSchema().format("int64");
      case DECIMAL -> new NumberSchema().description(column.typeText());
      case TEXT -> new StringSchema();
      case BOOLEAN -> new BooleanSchema();
      case DATE -> new StringSchema().format("date");
      case TIMESTAMP -> new StringSchema().format("date-time");
      case UUID -> new StringSchema().format("uuid");
    };
    if (column.type().isNumber()) {
      if (rules.min() != null) {
        schema.setMinimum(new BigDecimal(rules.min()));
      }
      if (rules.max() != null) {
        schema.setMaximum(new BigDecimal(rules.max()));
      }
    } else if (rules.min() != null || rules.max() != null) {
      schema.setDescription("from " + (rules.min() == null ? "any" : rules.min()) + " to "
          + (rules.max() == null ? "any" : rules.max()));
    }
    if (rules.maxLength() != null) {
      schema.setMaxLength(rules.maxLength());
    }
    if (rules.notBlank()) {
      schema.setMinLength(1);
    }
    if (rules.pattern() != null) {
      schema.setPattern("^(?:" + rules.pattern() + ")$");
    }
    if (rules.oneOf() != null) {
      ((Schema<Object>) schema).setEnum(new ArrayList<>(rules.oneOf()));
    }
    if (column.hasDefault()) {
      ((Schema<Object>) schema).setDefault(column.defaultValue());
    }
    return schema;
  }
}
