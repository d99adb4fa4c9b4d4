package dev.rowgate.backup;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;

import dev.rowgate.backup.catalog.TableCatalog;
import dev.rowgate.backup.operation.Operations;
import dev.rowgate.backup.snapshot.BackupFiles;
import dev.rowgate.service.problem.ApiException;
import dev.rowgate.service.test.ControllerSlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The admin API's problem answers, in a slice of Spring MVC: unknown tables, backups and
 * restores, a table busy with another operation, a wait out of range. Credentials are AdminApiIT's
 * business, the operations themselves the other integration tests'.
 */
@ControllerSlice(BackupController.class)
@EnableConfigurationProperties(BackupProperties.class)
class BackupControllerTest {

  @Autowired
  MockMvc mvc;

  @MockitoBean
  BackupService service;

  @MockitoBean
  Operations operations;

  @MockitoBean
  BackupFiles files;

  @MockitoBean
  TableCatalog catalog;

  @BeforeEach
  void tables() {
    when(catalog.find(anyString())).thenAnswer(call -> Optional.of((String) call.getArgument(0))
        .filter("jobs"::equals));
    when(catalog.names()).thenReturn(List.of("jobs"));
  }

  @Test
  void anUnknownTableIsA404ThatNamesTheKnownOnes() throws Exception {
    mvc.perform(post("/api/v1/backups/planets")).andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:unknown-table"))
        .andExpect(jsonPath("$.detail").value("There is no table 'planets'; known tables: jobs"));
    mvc.perform(post("/api/v1/restores/planets")).andExpect(status().isNotFound());
    mvc.perform(get("/api/v1/backups").param("table", "planets")).andExpect(status().isNotFound());
    verifyNoInteractions(service);
  }

  @Test
  void anUnknownBackupOrRestoreIsA404() throws Exception {
    when(operations.find(anyString())).thenReturn(Optional.empty());
    when(files.find(anyString())).thenReturn(Optional.empty());

    mvc.perform(get("/api/v1/backups/jobs-20200101T000000Z-00000000")).andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:unknown-backup"));
    mvc.perform(get("/api/v1/restores/restore-jobs-20200101T000000Z-00000000")).andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:unknown-restore"));
  }

  @Test
  void aBusyTableIsA409AndAMissingBackupA404() throws Exception {
    when(service.backup("jobs")).thenThrow(new ApiException(HttpStatus.CONFLICT, "table-busy", "Table busy",
        "Operation backup-1 on jobs is still running; ask again when it has finished"));
    when(service.restore(any(), any())).thenThrow(new ApiException(HttpStatus.NOT_FOUND, "unknown-backup",
        "Unknown backup", "There is no backup of jobs"));

    mvc.perform(post("/api/v1/backups/jobs")).andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:table-busy"));
    mvc.perform(post("/api/v1/restores/jobs")).andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("There is no backup of jobs"));
  }

  @Test
  void aWaitOutOfRangeIsA400AndStartsNothing() throws Exception {
    mvc.perform(post("/api/v1/backups/jobs").param("wait", "2h")).andExpect(status().isBadRequest());
    mvc.perform(post("/api/v1/backups/jobs").param("wait", "soon")).andExpect(status().isBadRequest());
    mvc.perform(post("/api/v1/restores/jobs").param("wait", "-1s")).andExpect(status().isBadRequest());
    verifyNoInteractions(service);
  }
}
