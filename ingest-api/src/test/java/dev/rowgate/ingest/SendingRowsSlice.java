package dev.rowgate.ingest;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;

import dev.rowgate.ingest.idempotency.IdempotentIngest;
import dev.rowgate.ingest.publish.BatchIngest;
import dev.rowgate.schema.Table;
import dev.rowgate.service.definitions.AppliedDefinitions;
import dev.rowgate.service.problem.ApiException;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What the slices of the endpoints that send rows share: the collaborators that would publish,
 * to show that nothing was, and applied definitions of the one table {@code jobs}.
 */
public abstract class SendingRowsSlice {

  @Autowired
  protected MockMvc mvc;

  @MockitoBean
  protected AppliedDefinitions definitions;

  @MockitoBean
  protected IdempotentIngest idempotent;

  @MockitoBean
  protected BatchIngest ingest;

  @BeforeEach
  void onlyJobs() {
    when(definitions.table(anyString())).thenAnswer(call -> {
      if (call.getArgument(0).equals("jobs")) {
        return mock(Table.class);
      }
      throw ApiException.unknownTable(call.getArgument(0), List.of("jobs"));
    });
  }
}
