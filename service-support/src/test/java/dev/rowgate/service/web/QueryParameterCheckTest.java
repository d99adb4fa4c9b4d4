package dev.rowgate.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;

import dev.rowgate.service.problem.ApiException;
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
  void endpointTakingAMapOfParametersTakesAny() {
    assertThat(handle("any", "whatever=1&other=2")).isTrue();
  }

  @Test
  void nameThatIsNotUrlEncodedIsRefused() {
    assertThatThrownBy(() -> handle("restore", "wait%zz=1"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo("malformed-query"));
  }

  private boolean handle(String endpoint, String query) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/restores/departments");
    request.setQueryString(query);
    HandlerMethod handler = new HandlerMethod(new Endpoints(), Arrays.stream(Endpoints.class.getDeclaredMethods())
        .filter(m -> m.getName().equals(endpoint)).findFirst().orElseThrow());
    return check.preHandle(request, new MockHttpServletResponse(), handler);
  }
}
