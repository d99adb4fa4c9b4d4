package dev.rowgate.ingest.reports;

import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.rowgate.service.problem.ApiException;
import dev.rowgate.service.test.ControllerSlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The reports' problem answers, in a slice of Spring MVC: the year, the format, tables that lack what they read. */
@ControllerSlice(ReportsController.class)
class ReportsControllerTest {

  @Autowired
  MockMvc mvc;

  @MockitoBean
  ReportQueries queries;

  @MockitoBean
  HiringTables hiring;

  @Test
  void aMissingOrInvalidYearAndABadFormatAreRefusedBeforeAnyQuery() throws Exception {
    for (String report : new String[] {"hires-by-quarter", "departments-above-mean"}) {
      mvc.perform(get("/api/v1/reports/" + report)).andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.type").value("urn:rowgate:problem:missing-year"));
      for (String year : new String[] {"0", "10000", "2021.0", "+2021", "twenty"}) {
        mvc.perform(get("/api/v1/reports/" + report).param("year", year)).andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value("urn:rowgate:problem:invalid-year"));
      }
      mvc.perform(get("/api/v1/reports/" + report).param("year", "2021").param("format", "xml"))
          .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value("urn:rowgate:problem:bad-format"));
    }
    verifyNoInteractions(queries);
  }

  @Test
  void definitionsWithoutTheHiringTablesMakeTheReportsA404() throws Exception {
    doThrow(new ApiException(HttpStatus.NOT_FOUND, "reports-unavailable", "Reports unavailable",
        "The applied table definitions have no table hired_employees")).when(hiring).require();

    mvc.perform(get("/api/v1/reports/hires-by-quarter").param("year", "2021")).andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("urn:rowgate:problem:reports-unavailable"));
    verifyNoInteractions(queries);
  }
}
