package dev.rowgate.ingest.csv;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import dev.rowgate.ingest.idempotency.IdempotentIngest;
import dev.rowgate.ingest.publish.BatchIngest;
import dev.rowgate.schema.Table;
import dev.rowgate.service.definitions.AppliedDefinitions;
import dev.rowgate.service.problem.ApiException;
import dev.rowgate.service.problem.ProblemAdvice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The CSV endpoint's problem answers, in a slice of Spring MVC: an unknown table, header option or
 * charset, a file name too long, a multipart upload without its file or malformed; nothing is
 * published for any.
 */
@WebMvcTest(controllers = CsvController.class)
// A charset no JVM knows cannot be printed by MockMvc: nothing is printed.
@AutoConfigureMockMvc(addFilters = false, print = MockMvcPrint.NONE)
@Import(ProblemAdvice.class)
class CsvControllerTest {

  @Autowired
  MockMvc mvc;

  @MockitoBean
  AppliedDefinitions definitions;

  @MockitoBean
  IdempotentIngest idempotent;

  @MockitoBean
  BatchIngest ingest;

  @MockitoBean
  RoleHierarchy roles;

  @BeforeEach
  void tables() {
    when(definitions.table(anyString())).thenAnswer(call -> {
      if (call.getArgument(0).equals("jobs")) {
        return mock(Table.class);
      }
      throw ApiException.unknownTable(call.getArgument(0), List.of("jobs"));
    });
  }

  @Test
  void anUnknownTableHeaderOptionOrCharsetOrALongFileNameIsRefused() throws Exception {
    mvc.perform(post("/api/v1/tables/planets/csv").contentType("text/csv").content("1,Mars\n"))
        .andExpect(status().isNotFound()).andExpect(jsonPath("$.type").value("urn:rowgate:problem:unknown-table"));
    mvc.perform(post("/api/v1/tables/jobs/csv").param("header", "maybe").contentType("text/csv").content("1,x\n"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value("urn:rowgate:problem:bad-header-option"));
    // A charset Java does not know makes the content type unsupported before the endpoint reads it.
    mvc.perform(post("/api/v1/tables/jobs/csv").contentType("text/csv;charset=klingon").content("1,x\n"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:unsupported-media-type"));
    mvc.perform(post("/api/v1/tables/jobs/csv").param("fileName", "f".repeat(1001)).contentType("text/csv")
            .content("1,x\n"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value("urn:rowgate:problem:bad-file-name"));
    verifyNoInteractions(ingest, idempotent);
  }

  @Test
  void aMultipartUploadWithoutItsFileFieldIsRefused() throws Exception {
    String form = "--b0undary\r\nContent-Disposition: form-data; name=\"document\"; filename=\"jobs.csv\"\r\n"
        + "Content-Type: text/csv\r\n\r\n1,x\n\r\n--b0undary--\r\n";
    mvc.perform(post("/api/v1/tables/jobs/csv").contentType("multipart/form-data; boundary=b0undary").content(form))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value("urn:rowgate:problem:missing-file"));
    mvc.perform(post("/api/v1/tables/jobs/csv").contentType("multipart/form-data; boundary=b0undary")
            .content("--b0undary\r\nno headers"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:malformed-multipart"));
    verifyNoInteractions(ingest, idempotent);
  }
}
