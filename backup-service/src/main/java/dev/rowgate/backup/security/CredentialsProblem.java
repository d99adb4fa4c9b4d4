package dev.rowgate.backup.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.rowgate.service.problem.ProblemAdvice;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request to the admin API without valid credentials: 401 with the HTTP Basic challenge, and an
 * RFC 9457 problem like every other refusal of the API, saying whether credentials were missing or
 * wrong.
 */
final class CredentialsProblem implements AuthenticationEntryPoint {

  static final String REALM = "rowgate backup admin";

  private final JsonMapper json;

  CredentialsProblem(JsonMapper json) {
    this.json = json;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    boolean sent = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", ProblemAdvice.type(sent ? "bad-credentials" : "credentials-needed").toString());
    problem.put("title", sent ? "Bad credentials" : "Credentials needed");
    problem.put("status", HttpServletResponse.SC_UNAUTHORIZED);
    problem.put("detail", sent
        ? "The admin user name or password is wrong"
        : "The admin API needs HTTP Basic credentials: the user of ROWGATE_BACKUP_ADMIN_USER (admin unless set) "
            + "and the password of ROWGATE_BACKUP_ADMIN_PASSWORD");
    problem.put("instance", request.getRequestURI());
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
