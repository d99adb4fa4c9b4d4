package dev.rowgate.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The JSON Schema that editors check definition files with agrees with what rowgate reads. */
class DefinitionSchemaTest {

  static final Path SCHEMA = DefinitionFilesTest.SHIPPED.resolve("table-definition.schema.json");
  static final Path EXAMPLES = Path.of("..", "examples", "shop");

  @Test
  void theShippedDefinitionsAndTheExamplesAreValidByTheSchemaAndRead() throws IOException {
    for (Path directory : List.of(DefinitionFilesTest.SHIPPED, EXAMPLES)) {
      try (Stream<Path> files = Files.list(directory)) {
        List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).toList();
        assertThat(yaml).isNotEmpty();
        for (Path file : yaml) {
          assertThat(errors(Files.readString(file))).as(file.toString()).isEmpty();
        }
      }
    }
    assertThat(DefinitionFiles.read(EXAMPLES).names()).containsExactly("customers", "orders");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "table: t\nkey: id\ncolumns: [{name: id, type: int}]",
      "table: t\nkey: id\ncolumns: [{name: id, type: integer, maxlength: 3}]",
      "table: T\nkey: id\ncolumns: [{name: id, type: integer}]",
      "table: t_errors\nkey: id\ncolumns: [{name: id, type: integer}]",
      "table: t\nkey: id\ncolumns: [{name: id, type: integer, max_length: 3}]",
      "table: t\nkey: id\ncolumns: [{name: id, type: integer}, {name: d, type: decimal}]",
      "table: t\nkey: id\ncolumns: [{name: id, type: integer}, {name: b, type: boolean, one_of: [true]}]",
      "table: t\nkey: id\ncolumns: [{name: id, type: integer}, {name: s, type: text, min: a}]",
      "table: t\nkey: id\ncolumns: [{name: rowgate_x, type: integer}]",
      "table: t\ncolumns: [{name: id, type: integer}]",
      "table: t\nkey: id\ncolumns: []"})
  void whatTheSchemaRefusesRowgateRefusesToo(String definition) {
    assertThat(errors(definition)).isNotEmpty();
    String file = definition.substring(7, definition.indexOf('\n')) + ".yaml";
    assertThatThrownBy(() -> DefinitionFiles.parse(Map.of(file, definition))).isInstanceOf(DefinitionException.class);
  }

  private static List<Error> errors(String yaml) {
    try (InputStream schema = Files.newInputStream(SCHEMA)) {
      Schema definition = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(schema, InputFormat.JSON);
      return definition.validate(YAMLMapper.shared().readTree(yaml));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
