package dev.rowgate.ingest.tables;

import java.util.List;

import dev.rowgate.schema.Definitions;
import dev.rowgate.schema.TableDefinition;
import dev.rowgate.service.definitions.AppliedDefinitions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The tables rows may be sent to: those of the applied definitions, in the order they are loaded in. */
@RestController
@SecurityRequirement(name = "basic")
class TablesController {

  private final AppliedDefinitions definitions;

  TablesController(AppliedDefinitions definitions) {
    this.definitions = definitions;
  }

  /** The applied version and its tables, each after the tables it references. */
  record Tables(int version, List<TableDefinition> tables) {
  }

  @Operation(summary = "The tables, each after those it references",
      description = "The applied version of the table definitions: each table's key and columns with their types and "
          + "rules. Load files in this order, so that a row never waits for a row it references.")
  @ApiResponse(responseCode = "200", description = "The tables, in load order")
  @GetMapping("/api/v1/tables")
  Tables tables() {
    Definitions applied = definitions.latest();
    return new Tables(applied.version(), applied.definitions());
  }
}
