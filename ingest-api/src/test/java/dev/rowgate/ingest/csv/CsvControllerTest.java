package dev.rowgate.ingest.csv;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.rowgate.ingest.SendingRowsSlice;
import dev.rowgate.service.test.ControllerSlice;
import org.junit.jupiter.api.Test;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;

/**
 * The CSV endpoint's problem answers, in a slice of Spring MVC: an unknown table, header option or
 * charset, a file name too long, a multipart upload without its file or malformed; nothing is
 * published for any.
 */
@ControllerSlice(CsvController.class)
// A charset no JVM knows cannot be printed by MockMvc: nothing is printed.
@AutoConfigureMockMvc(addFilters = false, print = MockMvcPrint.NONE)
class CsvControllerTest extends SendingRowsSlice {

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
