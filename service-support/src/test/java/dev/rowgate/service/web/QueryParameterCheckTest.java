package dev.rowgate.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;

import dev.rowgate.service.problem.ApiException;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

class QueryParameterCheckTest {

  private final QueryParameterCheck check = new QueryParameterCheck();

  @SuppressWarnings("unused")
  static class Endpoints {
    void restore(@PathVariable String table, @RequestParam(required = false) String backupId,
                 @RequestParam(name = "wait", required = false) String waitFor, @RequestHeader("Idempotency-Key") String key) {
    }

    void none(@PathVariable String table) {
    }

    void any(@RequestParam Map<String, String> all) {
    }
  }

  @Test
  void misspeltParameterIsRefusedNamingTheOnesTheEndpointTakes() {
    assertThatThrownBy(() -> handle("restore", "backup=b1&wait=30s"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo("unknown-parameter"))
        .hasMessage("'backup' is not a parameter of this endpoint; it takes backupId, wait");
    assertThatThrownBy(() -> handle("none", "wait"))
        .hasMessage("'wait' is not a parameter of this endpoint; it takes none");
  }

  @Test
  void parameterGivenTwiceIsRefused() {
    assertThatThrownBy(() -> handle("restore", "wait=1s&backupId=b1&wait=60s"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo("repeated-parameter"))
        .hasMessage("'wait' is given more than once");
  }

  @Test
  void parametersTheEndpointTakesPassEncodedOrNot() {
    assertThat(handle("restore", "backupId=b1&wait=")).isTrue();
    assertThat(handle("restore", "backup%49d=b%201&&wait")).isTrue();
    assertThat(handle("restore", null)).isTrue();
    assertThat(handle("none", null)).isTrue();
  }

  @Test
  void pathParameterIsRefusedNamingIt() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/reports/hires-by-quarter;year=2020");
    request.setQueryString("year=2021");
    assertThatThrownBy(() -> check.preHandle(request, new MockHttpServletResponse(), endpoint("any")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo("unknown-parameter"))
        .hasMessage("';year=2020' is a path parameter, which no endpoint takes; parameters go in the query");
    assertThatThrownBy(() -> QueryParameterCheck.checkNoPathParameter("/api/v1/tables/jobs;x=1;y/rows"))
        .hasMessage("';x=1;y' is a path parameter, which no endpoint takes; parameters go in the query");
    QueryParameterCheck.checkNoPathParameter("/api/v1/tables/jobs%3Bx/rows");
  }

  @Test
  void endpointTakingAMapOfParametersTakesAny() {
    assertThat(handle("any", "whatever=1&other=2")).isTrue();
  }

  @Test
  void nameThatIsNotUrlEncodedIsRefused() {
    assertThatThrownBy(() -> handle("restore", "wait%zz=1"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo("malformed-query"));
  }

  @Test
  void openApiDocumentListsTheRefusalAsA400OfEveryEndpointThatChecks() {
    QueryParameterDocs docs = new QueryParameterDocs();
    Operation none = docs.customize(new Operation(), endpoint("none"));
    assertThat(none.getResponses().get("400").getDescription())
        .isEqualTo("A query parameter the endpoint does not take (unknown-parameter) or one given twice (repeated-parameter)");

    Operation restore = new Operation().responses(new ApiResponses().addApiResponse("400", new ApiResponse().description("A bad id")));
    docs.customize(docs.customize(restore, endpoint("restore")), endpoint("restore"));
    assertThat(restore.getResponses().get("400").getDescription()).isEqualTo("A bad id; or " + QueryParameterDocs.REFUSAL);

    assertThat(docs.customize(new Operation(), endpoint("any")).getResponses()).isNull();
  }

  private boolean handle(String endpoint, String query) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/restores/departments");
    request.setQueryString(query);
    return check.preHandle(request, new MockHttpServletResponse(), endpoint(endpoint));
  }

  private static HandlerMethod endpoint(String name) {
    return new HandlerMethod(new Endpoints(), Arrays.stream(Endpoints.class.getDeclaredMethods())
        .filter(m -> m.getName().equals(name)).findFirst().orElseThrow());
  }
}
