package dev.rowgate.service.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.rowgate.service.problem.ProblemAdvice;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request without valid credentials: 401 with the HTTP Basic challenge, and an RFC 9457 problem
 * like every other refusal of the API, saying whether credentials were missing or wrong; a request
 * whose user lacks the role: 403, naming the role.
 */
public final class CredentialsProblem implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final JsonMapper json;
  private final String realm;
  private final String needed;

  /**
   * @param realm  the realm of the HTTP Basic challenge
   * @param needed what a request without credentials is told to send
   */
  public CredentialsProblem(JsonMapper json, String realm, String needed) {
    this.json = json;
    this.realm = realm;
    this.needed = needed;
  }

  public String realm() {
    return realm;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    boolean sent = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
    write(request, response, HttpServletResponse.SC_UNAUTHORIZED, sent ? "bad-credentials" : "credentials-needed",
        sent ? "Bad credentials" : "Credentials needed", sent ? "The user name or password is wrong" : needed);
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    write(request, response, HttpServletResponse.SC_FORBIDDEN, "role-needed", "Role needed",
        "User '" + request.getRemoteUser() + "' may not " + request.getMethod() + " " + request.getRequestURI()
            + ": reading rejected rows needs the role viewer, acting on them operator, backups admin");
  }

  private void write(HttpServletRequest request, HttpServletResponse response, int status, String type, String title,
                     String detail) throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", ProblemAdvice.type(type).toString());
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    problem.put("instance", request.getRequestURI());
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
