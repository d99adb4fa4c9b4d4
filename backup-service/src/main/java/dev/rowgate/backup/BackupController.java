package dev.rowgate.backup;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.rowgate.backup.catalog.TableCatalog;
import dev.rowgate.backup.operation.Operation;
import dev.rowgate.backup.operation.Operations;
import dev.rowgate.backup.snapshot.BackupFiles;
import dev.rowgate.backup.snapshot.Manifest;
import dev.rowgate.service.problem.ApiException;
import dev.rowgate.service.web.WaitParameter;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The admin API: take and list backups, restore tables. */
@RestController
@SecurityRequirement(name = "admin")
@ApiResponse(responseCode = "401", description = "No credentials of the admin user, or wrong ones")
class BackupController {

  private final BackupService service;
  private final Operations operations;
  private final BackupFiles files;
  private final TableCatalog catalog;
  private final BackupProperties properties;

  BackupController(BackupService service, Operations operations, BackupFiles files, TableCatalog catalog,
                   BackupProperties properties) {
    this.service = service;
    this.operations = operations;
    this.files = files;
    this.catalog = catalog;
    this.properties = properties;
  }

  @io.swagger.v3.oas.annotations.Operation(summary = "Take a backup of a table",
      description = "Writes one consistent snapshot of the table to an Avro file. Answers 201 with the manifest when "
          + "it is done within wait, else 202 with the running operation (its progress at Location).")
  @ApiResponse(responseCode = "201", description = "Done: the backup's manifest")
  @ApiResponse(responseCode = "202", description = "Running: the operation and its progress")
  @ApiResponse(responseCode = "404", description = "Unknown table")
  @ApiResponse(responseCode = "409", description = "Another backup or restore of the table is running")
  @PostMapping("/api/v1/backups/{table}")
  ResponseEntity<Object> backup(@Parameter(example = "hired_employees") @PathVariable String table,
                                @Parameter(description = "Wait up to this long for it to finish, e.g. 30s")
                                @RequestParam(required = false) String wait) {
    Duration waiting = WaitParameter.parse(wait, properties.maxWait());
    Operation operation = Operations.await(service.backup(known(table)), waiting);
    URI location = URI.create("/api/v1/backups/" + operation.id());
    return switch (operation.state()) {
      case DONE -> ResponseEntity.created(location).body(operation.result());
      case FAILED -> throw operation.failure();
      case RUNNING -> ResponseEntity.accepted().location(location).body(operation.view());
    };
  }

  @io.swagger.v3.oas.annotations.Operation(summary = "List the backups, newest first")
  @ApiResponse(responseCode = "200", description = "The manifests of the backups")
  @ApiResponse(responseCode = "404", description = "Unknown table")
  @GetMapping("/api/v1/backups")
  List<Manifest> list(@Parameter(description = "Only this table's") @RequestParam(required = false) String table) {
    return files.list(Optional.ofNullable(table).map(this::known));
  }

  @io.swagger.v3.oas.annotations.Operation(summary = "One backup: its manifest, or its progress while it runs")
  @ApiResponse(responseCode = "200", description = "The manifest of a finished backup, or the running operation")
  @ApiResponse(responseCode = "404", description = "No such backup")
  @GetMapping("/api/v1/backups/{id}")
  Object backup(@PathVariable String id) {
    Optional<Operation.View> unfinished = operations.find(id).filter(o -> !o.state().equals("done"));
    if (unfinished.isPresent()) {
      return unfinished.get();
    }
    return files.find(id).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "unknown-backup",
        "Unknown backup", "There is no backup " + id));
  }

  @io.swagger.v3.oas.annotations.Operation(summary = "Restore a table from its latest backup or a named one",
      description = "Checks the backup's checksum, table and schema, then replaces the table's content with it in one "
          + "transaction. Writes to the table wait for the restore and apply after it. Answers 200 when done within "
          + "wait, else 202 with the running operation.")
  @ApiResponse(responseCode = "200", description = "Done: the table holds the backup's rows")
  @ApiResponse(responseCode = "202", description = "Running: the operation and its progress")
  @ApiResponse(responseCode = "404", description = "Unknown table or backup")
  @ApiResponse(responseCode = "409", description = "References would break, or the table is busy")
  @ApiResponse(responseCode = "422", description = "The backup is damaged, of another table, or does not fit")
  @PostMapping("/api/v1/restores/{table}")
  ResponseEntity<Object> restore(@Parameter(example = "departments") @PathVariable String table,
                                 @Parameter(description = "The backup to restore; the latest when absent")
                                 @RequestParam(required = false) String backupId,
                                 @Parameter(description = "Wait up to this long for it to finish, e.g. 30s")
                                 @RequestParam(required = false) String wait) {
    Duration waiting = WaitParameter.parse(wait, properties.maxWait());
    Operation operation = Operations.await(service.restore(known(table), Optional.ofNullable(backupId)), waiting);
    return switch (operation.state()) {
      case DONE -> ResponseEntity.ok(operation.view());
      case FAILED -> throw operation.failure();
      case RUNNING -> ResponseEntity.accepted().location(URI.create("/api/v1/restores/" + operation.id()))
          .body(operation.view());
    };
  }

  @io.swagger.v3.oas.annotations.Operation(summary = "A restore: its progress, outcome or failure",
      description = "Any instance of backup-service answers for the restores of all of them.")
  @ApiResponse(responseCode = "200", description = "The restore's progress, outcome or failure")
  @ApiResponse(responseCode = "404", description = "No such restore, or one older than 30 days")
  @GetMapping("/api/v1/restores/{id}")
  Operation.View restore(@PathVariable String id) {
    return operations.find(id).filter(o -> o.kind().equals("restore")).orElseThrow(() -> new ApiException(
        HttpStatus.NOT_FOUND, "unknown-restore", "Unknown restore", "There is no restore " + id
        + " (restores are remembered for 30 days)"));
  }

  private String known(String table) {
    return catalog.find(table).orElseThrow(() -> ApiException.unknownTable(table, catalog.names()));
  }
}
