package dev.rowgate.service.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

class ProblemErrorControllerTest {

  private final ProblemErrorController controller = new ProblemErrorController();

  @Test
  void aRefusalKeepsTheMessageItWasSentWithAndNamesTheRequest() {
    ResponseEntity<ProblemDetail> answer = controller.error(forwarded(400, "The URL contained \";\"", "/api/v1/x;y"));

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(answer.getBody().getDetail()).isEqualTo("The URL contained \";\"");
    assertThat(answer.getBody().getTitle()).isEqualTo("Bad Request");
    assertThat(answer.getBody().getInstance()).isEqualTo(URI.create("/api/v1/x;y"));
  }

  @Test
  void aRefusalWithoutAMessageIsDescribedByItsStatus() {
    assertThat(controller.error(forwarded(404, "", "/nowhere")).getBody().getDetail()).isEqualTo("Not Found");
  }

  @Test
  void aServerErrorDoesNotShowTheMessageOfItsCause() {
    ResponseEntity<ProblemDetail> answer = controller.error(forwarded(500, "password=secret in a JDBC URL", "/api"));

    assertThat(answer.getStatusCode().value()).isEqualTo(500);
    assertThat(answer.getBody().getDetail()).doesNotContain("secret").contains("log");
  }

  @Test
  void aRequestWithoutAnErrorStatusIsAServerError() {
    assertThat(controller.error(new MockHttpServletRequest("GET", "/error")).getStatusCode().value()).isEqualTo(500);
  }

  private static MockHttpServletRequest forwarded(int status, String message, String uri) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
    request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
    request.setAttribute(RequestDispatcher.ERROR_MESSAGE, message);
    request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, uri);
    return request;
  }
}
