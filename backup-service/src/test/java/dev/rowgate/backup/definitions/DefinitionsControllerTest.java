package dev.rowgate.backup.definitions;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.SQLException;
import java.util.List;

import dev.rowgate.schema.DefinitionException;
import dev.rowgate.service.definitions.AppliedDefinitions;
import dev.rowgate.service.definitions.DefinitionsApplier;
import dev.rowgate.service.definitions.DefinitionsProperties;
import dev.rowgate.service.test.ControllerSlice;
import dev.rowgate.service.test.TestDefinitions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The problem answers of applying the definitions directory, in a slice of Spring MVC: the files
 * are read for real (the shipped ones), the applier is the test's. Applying itself is
 * DefinitionsIT's business, credentials AdminApiIT's.
 */
@ControllerSlice(DefinitionsController.class)
@EnableConfigurationProperties(DefinitionsProperties.class)
class DefinitionsControllerTest {

  @DynamicPropertySource
  static void shippedDefinitions(DynamicPropertyRegistry registry) {
    registry.add("rowgate.definitions.directory", () -> TestDefinitions.directory().toAbsolutePath().toString());
    registry.add("rowgate.definitions.lock-timeout", () -> "7s");
  }

  @Autowired
  MockMvc mvc;

  @MockitoBean
  AppliedDefinitions definitions;

  @MockitoBean
  DefinitionsApplier applier;

  @Test
  void aRefusedChangeIsA422WithEveryProblem() throws Exception {
    when(applier.apply(any(), anyString(), anyBoolean())).thenThrow(new DefinitionException(List.of(
        new DefinitionException.Problem("jobs.yaml", 4, "column job: the type cannot change from text to integer"))));
    mvc.perform(post("/api/v1/definitions")).andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:definitions-refused"))
        .andExpect(jsonPath("$.problems[0].file").value("jobs.yaml"))
        .andExpect(jsonPath("$.problems[0].line").value(4))
        .andExpect(jsonPath("$.problems[0].message").value("column job: the type cannot change from text to integer"));
  }

  @Test
  void aTableLockedTooLongIsA409ThatSaysHowLongItWaited() throws Exception {
    when(applier.apply(any(), anyString(), anyBoolean())).thenThrow(new CannotAcquireLockException("ALTER TABLE",
        new SQLException("canceling statement due to lock timeout", "55P03")));
    mvc.perform(post("/api/v1/definitions")).andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:table-locked"))
        .andExpect(jsonPath("$.detail").value("A table stayed locked by other work for 7 s "
            + "(rowgate.definitions.lock-timeout); nothing changed; apply again"));
  }

  @Test
  void aDryRunThatWouldChangeAnswersWithoutWaitingForTheServices() throws Exception {
    when(applier.apply(any(), anyString(), anyBoolean())).thenReturn(
        new DefinitionsApplier.Applied(3, true, List.of("jobs: new column grade"), true));
    mvc.perform(post("/api/v1/definitions").param("dryRun", "true")).andExpect(status().isOk())
        .andExpect(jsonPath("$.version").value(3))
        .andExpect(jsonPath("$.dryRun").value(true))
        .andExpect(jsonPath("$.changes[0]").value("jobs: new column grade"));
    verify(applier).apply(any(), anyString(), eq(true));
    verifyNoInteractions(definitions);
  }

  @Test
  void aDryRunThatIsNotABooleanIsA400AndAppliesNothing() throws Exception {
    mvc.perform(post("/api/v1/definitions").param("dryRun", "perhaps")).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.status").value(400));
    verifyNoInteractions(applier);
  }
}
