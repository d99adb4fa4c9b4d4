package dev.rowgate.ingest.batch;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.rowgate.ingest.IngestProperties;
import dev.rowgate.service.problem.ApiException;
import dev.rowgate.service.test.ControllerSlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The batch status's problem answers, in a slice of Spring MVC: a page or wait out of range, an unknown batch. */
@ControllerSlice(BatchController.class)
@EnableConfigurationProperties(IngestProperties.class)
class BatchControllerTest {

  @Autowired
  MockMvc mvc;

  @MockitoBean
  BatchStatusQuery query;

  @MockitoBean
  BatchWaiters waiters;

  @Test
  void aPageOrAWaitOutOfRangeIsA400BeforeTheBatchIsLookedFor() throws Exception {
    mvc.perform(get("/api/v1/batches/b-1").param("page", "-1")).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:bad-page"));
    mvc.perform(get("/api/v1/batches/b-1").param("size", "1001")).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("page is 0 or more and size 0 to 1000"));
    mvc.perform(get("/api/v1/batches/b-1").param("wait", "61s")).andExpect(status().isBadRequest());
    mvc.perform(get("/api/v1/batches/b-1").param("size", "ten")).andExpect(status().isBadRequest());
    verifyNoInteractions(query);
    verify(waiters, never()).waitFor(anyString(), any());
  }

  @Test
  void anUnknownBatchIsA404() throws Exception {
    when(query.require(anyString())).thenThrow(new ApiException(HttpStatus.NOT_FOUND, "unknown-batch",
        "Unknown batch", "There is no batch b-2"));

    mvc.perform(get("/api/v1/batches/b-2")).andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:unknown-batch"));
    verify(waiters, never()).waitFor(anyString(), any());
  }
}
