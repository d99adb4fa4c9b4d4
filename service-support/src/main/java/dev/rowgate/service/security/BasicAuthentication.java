package dev.rowgate.service.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * What every API of rowgate's services does with credentials: HTTP Basic on each request (no
 * session, so no CSRF token to forge), and refusals as problems ({@link CredentialsProblem}).
 */
public final class BasicAuthentication {

  private BasicAuthentication() {
  }

  public static HttpSecurity apply(HttpSecurity http, CredentialsProblem refusal) {
    return http
        .httpBasic(basic -> basic.realmName(refusal.realm()).authenticationEntryPoint(refusal))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(refusal).accessDeniedHandler(refusal))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
  }

  /** A URL the firewall rejects (an encoded '/', ...) is a 400 that says why, on the error page. */
  public static RequestRejectedHandler rejectedWithItsReason() {
    return (request, response, rejected) -> response.sendError(HttpServletResponse.SC_BAD_REQUEST,
        rejected.getMessage());
  }
}
