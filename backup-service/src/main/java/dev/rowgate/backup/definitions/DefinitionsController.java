package dev.rowgate.backup.definitions;

import java.util.List;

import dev.rowgate.schema.DefinitionException;
import dev.rowgate.schema.DefinitionFiles;
import dev.rowgate.schema.Definitions;
import dev.rowgate.schema.TableDefinition;
import dev.rowgate.schema.registry.SchemaRegistry;
import dev.rowgate.service.definitions.AppliedDefinitions;
import dev.rowgate.service.definitions.DefinitionsApplier;
import dev.rowgate.service.definitions.DefinitionsProperties;
import dev.rowgate.service.problem.ApiException;
import dev.rowgate.service.problem.ProblemAdvice;
import dev.rowgate.service.sql.SqlStates;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API of the table definitions: the version applied now, and applying the files of the
 * definitions directory at run time (every service of every instance follows within seconds).
 */
@RestController
@SecurityRequirement(name = "admin")
@ApiResponse(responseCode = "401", description = "No credentials of the admin user, or wrong ones")
class DefinitionsController {

  /** What the admin call answers: the version applied, and what changed. */
  record Applied(int version, boolean changed, boolean dryRun, List<String> changes) {
  }

  /** The applied version and its tables. */
  record Version(int version, List<TableDefinition> tables) {
  }

  private final AppliedDefinitions definitions;
  private final DefinitionsApplier applier;
  private final DefinitionsProperties properties;

  DefinitionsController(AppliedDefinitions definitions, DefinitionsApplier applier, DefinitionsProperties properties) {
    this.definitions = definitions;
    this.applier = applier;
    this.properties = properties;
  }

  @Operation(summary = "The table definitions applied now, with their version")
  @ApiResponse(responseCode = "200", description = "The version and its tables, each as its file declares it")
  @GetMapping("/api/v1/definitions")
  Version applied() {
    Definitions applied = definitions.latest();
    return new Version(applied.version(), applied.definitions());
  }

  @Operation(summary = "Apply the definitions directory as a new version",
      description = "Reads the files of rowgate.definitions.directory and applies what changed, in one transaction: "
          + "new tables, new optional columns or columns with a default, longer lengths, looser rules. It answers "
          + "once every service follows the new version (rowgate.definitions.refresh after the commit): what is sent "
          + "after the answer is read, checked and written with it. A change that would lose or misread rows is refused whole, with "
          + "the file, table, column and why. With dryRun the change is made and rolled back.")
  @ApiResponse(responseCode = "200", description = "Applied (or, with dryRun, would apply), or nothing changed")
  @ApiResponse(responseCode = "409", description = "A table stayed locked by other work")
  @ApiResponse(responseCode = "422", description = "A file cannot be read, or the change is refused; nothing changed")
  @ApiResponse(responseCode = "503", description = "The schema registry, whose rules a change must keep, does not answer")
  @PostMapping("/api/v1/definitions")
  Applied apply(@Parameter(description = "Check and report what would change, changing nothing")
                @RequestParam(defaultValue = "false") boolean dryRun) {
    Definitions files = DefinitionFiles.read(properties.directory());
    DefinitionsApplier.Applied applied;
    try {
      applied = applier.apply(files, "admin call", dryRun);
    } catch (DataAccessException e) {
      if (SqlStates.isLockNotAvailable(e)) {
        throw new ApiException(HttpStatus.CONFLICT, "table-locked", "Table locked", "A table stayed locked by other "
            + "work for " + properties.lockTimeout().toSeconds() + " s (rowgate.definitions.lock-timeout); nothing "
            + "changed; apply again");
      }
      throw e;
    }
    if (applied.changed() && !dryRun) {
      AppliedDefinitions.awaitPropagation(properties.refresh(), System.nanoTime());
      definitions.latestNow();
    }
    return new Applied(applied.version(), applied.changed(), applied.dryRun(), applied.changes());
  }

  /** A change is checked against the schema registry's rules, or not made. */
  @ExceptionHandler(SchemaRegistry.Unavailable.class)
  ResponseEntity<ProblemDetail> registryDown(SchemaRegistry.Unavailable e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
        "The table definitions were not applied; nothing changed: the schema registry, whose compatibility rules "
            + "a change must keep, does not answer (" + e.getMessage() + "); apply again once it does");
    problem.setType(ProblemAdvice.type("registry-unavailable"));
    problem.setTitle("Schema registry unavailable");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
  }

  @ExceptionHandler(DefinitionException.class)
  ResponseEntity<ProblemDetail> refused(DefinitionException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
        "The table definitions were not applied; nothing changed: " + e.getMessage());
    problem.setType(ProblemAdvice.type("definitions-refused"));
    problem.setTitle("Definitions refused");
    problem.setProperty("problems", e.problems());
    return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(problem);
  }
}
