package dev.rowgate.ingest.rows;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.rowgate.ingest.IngestProperties;
import dev.rowgate.ingest.SendingRowsSlice;
import dev.rowgate.service.test.ControllerSlice;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The problem answers of the JSON batch endpoint, in a slice of Spring MVC: what is refused before
 * anything is published, each with its status and problem type. Credentials are the security
 * tests' business (IngestCredentialsIT), publishing the pipeline's.
 */
@ControllerSlice(RowsController.class)
@EnableConfigurationProperties(IngestProperties.class)
class RowsControllerTest extends SendingRowsSlice {

  @Test
  void bodiesThatAreNoBatchOfRowObjectsAreRefusedWithTheirProblem() throws Exception {
    send("jobs", "{\"id\": 1,").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:malformed-json"));
    send("jobs", "\"rows\"").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:not-a-batch"));
    send("jobs", "[]").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:batch-size"));
    send("jobs", "[" + "{},".repeat(1000) + "{}]").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("A batch holds 1 to 1000 rows; this one has 1001"));
    send("jobs", "[{\"id\": 1}, 2, \"three\"]").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:rows-not-objects"))
        .andExpect(jsonPath("$.rows.length()").value(2)).andExpect(jsonPath("$.rows[0].index").value(1));
    send("jobs", "[{\"job\": \"\\ud800\"}]").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:lone-surrogate"));
    verifyNoInteractions(ingest, idempotent);
  }

  @Test
  void tooMuchJsonIsRefusedWith413() throws Exception {
    send("jobs", "[{\"job\": \"" + "x".repeat(1_000_001) + "\"}]").andExpect(status().isContentTooLarge())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:row-too-large"));
    send("jobs", "[{\"job\": \"" + "x".repeat(11 << 20) + "\"}]").andExpect(status().isContentTooLarge())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:body-too-large"));
    verifyNoInteractions(ingest, idempotent);
  }

  @Test
  void anUnknownTableAndAnotherMediaTypeAreRefused() throws Exception {
    send("nope", "[{\"id\": 1}]").andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:unknown-table"))
        .andExpect(jsonPath("$.detail").value("There is no table 'nope'; known tables: jobs"));
    mvc.perform(post("/api/v1/tables/jobs/rows").contentType(MediaType.TEXT_PLAIN).content("[{}]"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:unsupported-media-type"));
    verifyNoInteractions(ingest, idempotent);
  }

  private ResultActions send(String table, String body) throws Exception {
    return mvc.perform(post("/api/v1/tables/" + table + "/rows").contentType(MediaType.APPLICATION_JSON)
        .content(body));
  }
}
