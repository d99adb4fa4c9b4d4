package dev.rowgate.ingest.errors;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;

import dev.rowgate.ingest.IngestProperties;
import dev.rowgate.schema.Table;
import dev.rowgate.service.definitions.AppliedDefinitions;
import dev.rowgate.service.problem.ApiException;
import dev.rowgate.service.test.ControllerSlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The rejected-rows API's problem answers, in a slice of Spring MVC: an unknown table or
 * rejection, a page, format or filter out of range, values that are no object, a discard without
 * a reason; none of them redrives or discards anything.
 */
@ControllerSlice(ErrorsController.class)
@EnableConfigurationProperties(IngestProperties.class)
class ErrorsControllerTest {

  @Autowired
  MockMvc mvc;

  @MockitoBean
  AppliedDefinitions definitions;

  @MockitoBean
  RejectedRows rows;

  @MockitoBean
  Redrives redrives;

  @MockitoBean
  Discards discards;

  @BeforeEach
  void tables() {
    Table jobs = mock(Table.class);
    when(jobs.name()).thenReturn("jobs");
    when(jobs.errorsTable()).thenReturn("jobs_errors");
    when(definitions.table(anyString())).thenAnswer(call -> {
      if (call.getArgument(0).equals("jobs")) {
        return jobs;
      }
      throw ApiException.unknownTable(call.getArgument(0), List.of("jobs"));
    });
    when(rows.find(any(), anyLong())).thenReturn(Optional.empty());
  }

  @Test
  void anUnknownTableOrRejectionIsA404() throws Exception {
    mvc.perform(get("/api/v1/tables/planets/errors")).andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:unknown-table"));
    mvc.perform(get("/api/v1/tables/jobs/errors/7")).andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:unknown-error"))
        .andExpect(jsonPath("$.detail").value("There is no rejection 7 in jobs_errors"));
  }

  @Test
  void aPageFormatOrFilterOutOfRangeIsA400() throws Exception {
    mvc.perform(get("/api/v1/tables/jobs/errors").param("limit", "0")).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:bad-page"));
    mvc.perform(get("/api/v1/tables/jobs/errors").param("limit", "1001")).andExpect(status().isBadRequest());
    mvc.perform(get("/api/v1/tables/jobs/errors").param("format", "xml")).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:bad-format"));
    mvc.perform(as(post("/api/v1/tables/jobs/errors/redrive").param("state", "closed")))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value("urn:rowgate:problem:bad-filter"));
    verifyNoInteractions(rows, redrives);
  }

  @Test
  void valuesThatAreNoObjectAndADiscardWithoutAReasonAreA400() throws Exception {
    mvc.perform(as(post("/api/v1/tables/jobs/errors/7/redrive")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"values\": [1, 2]}"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value("urn:rowgate:problem:bad-values"));
    mvc.perform(as(post("/api/v1/tables/jobs/errors/7/discard")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"reason\": \" \"}"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value("urn:rowgate:problem:reason-needed"));
    mvc.perform(as(post("/api/v1/tables/jobs/errors/discard")))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value("urn:rowgate:problem:reason-needed"));
    verifyNoInteractions(redrives, discards);
  }

  private static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request) {
    return request.principal(() -> "olga");
  }
}
