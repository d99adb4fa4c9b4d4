package dev.rowgate.backup.security;

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
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API needs HTTP Basic credentials of a user with the role admin: the users and roles of
 * every rowgate service ({@link UsersProperties}: the admin of {@code ROWGATE_ADMIN_PASSWORD} and the
 * users of {@code ROWGATE_SECURITY_USERS_*}).
 * The service does not start without an admin. A request without credentials gets a 401 problem,
 * one without the role a 403. Health probes and the API documentation are open.
 */
@Configuration(proxyBeanMethods = false)
@Import(BasicAuthentication.class)
@EnableConfigurationProperties(UsersProperties.class)
@SecurityScheme(name = "admin", type = SecuritySchemeType.HTTP, scheme = "basic")
class SecurityConfiguration {

  @Bean
  SecurityFilterChain adminApi(HttpSecurity http, JsonMapper json) throws Exception {
    CredentialsProblem refusal = new CredentialsProblem(json, "rowgate backup admin", "The admin API needs HTTP "
        + "Basic credentials of a user with the role admin: admin with the password of ROWGATE_ADMIN_PASSWORD, or a "
        + "user of ROWGATE_SECURITY_USERS_<NAME>_PASSWORD and _ROLES");
    return BasicAuthentication.apply(http, refusal)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error").permitAll()
            .requestMatchers("/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**").permitAll()
            .anyRequest().hasRole(Roles.ADMIN))
        .build();
  }

  @Bean
  UserDetailsService users(UsersProperties users, PasswordEncoder encoder) {
    if (!users.anyAdmin()) {
      throw new IllegalStateException("rowgate.security.admin.password is not set: set ROWGATE_ADMIN_PASSWORD, or "
          + "give a user of ROWGATE_SECURITY_USERS_<NAME>_ROLES the role admin; backup-service does not start without "
          + "an admin");
    }
    return users.userDetails(encoder);
  }

  @Bean
  static RoleHierarchy roleHierarchy() {
    return Roles.hierarchy();
  }
}
