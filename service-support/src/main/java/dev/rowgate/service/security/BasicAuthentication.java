package dev.rowgate.service.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * What every API of rowgate's services does with credentials: HTTP Basic on each request (no
 * session, so no CSRF token to forge), and refusals as problems ({@link CredentialsProblem}).
 * A service's security configuration imports it for the beans they share: passwords compared by
 * their digests, and the firewall's refusals as 400 problems.
 */
@Configuration(proxyBeanMethods = false)
public class BasicAuthentication {

  public static HttpSecurity apply(HttpSecurity http, CredentialsProblem refusal) {
    return http
        .httpBasic(basic -> basic.realmName(refusal.realm()).authenticationEntryPoint(refusal))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(refusal).accessDeniedHandler(refusal))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
  }

  /** A URL the firewall rejects (an encoded '/', ...) is a 400 that says why, on the error page. */
  @Bean
  RequestRejectedHandler rejectedWithItsReason() {
    return (request, response, rejected) -> response.sendError(HttpServletResponse.SC_BAD_REQUEST,
        rejected.getMessage());
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return new DigestPasswordEncoder();
  }
}
