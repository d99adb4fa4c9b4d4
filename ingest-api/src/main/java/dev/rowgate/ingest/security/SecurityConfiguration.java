package dev.rowgate.ingest.security;

import dev.rowgate.service.security.BasicAuthentication;
import dev.rowgate.service.security.CredentialsProblem;
import dev.rowgate.service.security.Roles;
import dev.rowgate.service.security.UsersProperties;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rejected rows need credentials: their raw values may hold personal data. Reading them needs the
 * role viewer, redriving or discarding them operator (admin implies both); a request without
 * credentials gets a 401 problem, one without the role a 403. The users come from configuration
 * ({@link UsersProperties}). The rest of the API is open.
 *
 * <p>The console at {@code /console} signs its users in with a form and keeps them in a session,
 * whose forms carry a CSRF token: a viewer reads every page, an operator also uploads, redrives and
 * discards, an admin also takes and restores backups.
 */
@Configuration(proxyBeanMethods = false)
@Import(BasicAuthentication.class)
@EnableConfigurationProperties(UsersProperties.class)
@SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
class SecurityConfiguration {

  /** The rejected rows of every table, and what is done with them. */
  static final String REJECTED_ROWS = "/api/v1/tables/*/errors/**";

  @Bean
  @Order(1)
  SecurityFilterChain console(HttpSecurity http) throws Exception {
    return http.securityMatcher("/console", "/console/**")
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/console/assets/**").permitAll()
            .requestMatchers(HttpMethod.POST, "/console/backups/**").hasRole(Roles.ADMIN)
            .requestMatchers(HttpMethod.POST, "/console/**").hasRole(Roles.OPERATOR)
            .anyRequest().hasRole(Roles.VIEWER))
        .formLogin(form -> form.loginPage("/console/login").defaultSuccessUrl("/console", true).permitAll())
        .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?signedOut").permitAll())
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain api(HttpSecurity http, JsonMapper json) throws Exception {
    CredentialsProblem refusal = new CredentialsProblem(json, "rowgate", "Rejected rows need HTTP Basic "
        + "credentials of a user with the role viewer (to read them) or operator (to redrive or discard them), "
        + "from ROWGATE_SECURITY_USERS_<NAME>_PASSWORD and _ROLES");
    return BasicAuthentication.apply(http, refusal)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(HttpMethod.GET, REJECTED_ROWS).hasRole(Roles.VIEWER)
            .requestMatchers(REJECTED_ROWS).hasRole(Roles.OPERATOR)
            .anyRequest().permitAll())
        .build();
  }

  @Bean
  static RoleHierarchy roleHierarchy() {
    return Roles.hierarchy();
  }

  /**
   * Path parameters ({@code ;x=1}) reach the application, which refuses them with a problem that
   * says so ({@code QueryParameterCheck}); the firewall refuses the rest of what it refuses.
   */
  @Bean
  HttpFirewall firewall() {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    firewall.setAllowSemicolon(true);
    return firewall;
  }

  @Bean
  UserDetailsService users(UsersProperties users, PasswordEncoder encoder) {
    return users.userDetails(encoder);
  }
}
