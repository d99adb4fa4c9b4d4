package dev.rowgate.ingest.security;

import dev.rowgate.service.security.BasicAuthentication;
import dev.rowgate.service.security.CredentialsProblem;
import dev.rowgate.service.security.Roles;
import dev.rowgate.service.security.UsersProperties;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API needs HTTP Basic credentials (users from configuration, {@link UsersProperties}, their
 * passwords kept as digests; the same mechanism and roles as backup-service's): sending rows to a
 * table needs the role writer or {@code writer:<table>}; reading batch status, reports, the tables
 * and rejected rows (whose raw values may hold personal data) viewer; redriving or discarding them
 * operator. A request without credentials gets a 401 problem, one without the role a 403. The
 * OpenAPI document, Swagger UI and the health endpoints stay open. Only
 * {@code ROWGATE_SECURITY_ENABLED=false} opens the API to anyone, with a warning at start.
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

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  /** The rejected rows of every table, and what is done with them. */
  static final String REJECTED_ROWS = "/api/v1/tables/*/errors/**";
  /** Where rows are sent: JSON batches and CSV files. */
  static final String[] TABLE_ROWS = {"/api/v1/tables/{table}/rows", "/api/v1/tables/{table}/csv"};

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
  SecurityFilterChain api(HttpSecurity http, JsonMapper json, UsersProperties users, RoleHierarchy roles)
      throws Exception {
    CredentialsProblem refusal = new CredentialsProblem(json, "rowgate", "The ingest API needs HTTP Basic "
        + "credentials: a user with the role writer (or writer:<table>) sends rows, viewer reads batches, reports "
        + "and rejected rows, operator also redrives or discards them; users come from ROWGATE_ADMIN_PASSWORD and "
        + "ROWGATE_SECURITY_USERS_<NAME>_PASSWORD and _ROLES");
    if (!users.enabled()) {
      log.warn("authentication is OFF (ROWGATE_SECURITY_ENABLED=false): anyone who reaches this port may write every "
          + "table and read every batch, report and rejected row");
      return BasicAuthentication.apply(http, refusal)
          .authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
    }
    return BasicAuthentication.apply(http, refusal)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(HttpMethod.GET, REJECTED_ROWS).hasRole(Roles.VIEWER)
            .requestMatchers(REJECTED_ROWS).hasRole(Roles.OPERATOR)
            .requestMatchers(HttpMethod.POST, TABLE_ROWS).access(tableWriter(roles))
            .requestMatchers("/api/v1/batches/**", "/api/v1/reports/**", "/api/v1/tables").hasRole(Roles.VIEWER)
            .anyRequest().permitAll())
        .build();
  }

  /** A writer of every table, or of the table the request names ({@code writer:<table>}). */
  static AuthorizationManager<RequestAuthorizationContext> tableWriter(RoleHierarchy roles) {
    return (authentication, context) -> {
      String table = context.getVariables().get("table");
      boolean granted = roles.getReachableGrantedAuthorities(authentication.get().getAuthorities()).stream()
          .map(GrantedAuthority::getAuthority)
          .anyMatch(a -> a.equals("ROLE_" + Roles.WRITER) || a.equals(Roles.TABLE_WRITER + table));
      return new AuthorizationDecision(granted);
    };
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
