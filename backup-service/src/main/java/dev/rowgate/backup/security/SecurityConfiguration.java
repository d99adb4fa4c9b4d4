package dev.rowgate.backup.security;

import dev.rowgate.backup.BackupProperties;
import dev.rowgate.service.security.BasicAuthentication;
import dev.rowgate.service.security.CredentialsProblem;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API needs HTTP Basic credentials of the one admin user from configuration (its
 * password has no default); a request without them gets a 401 problem. Health probes and the API
 * documentation are open.
 */
@Configuration(proxyBeanMethods = false)
@Import(BasicAuthentication.class)
@SecurityScheme(name = "admin", type = SecuritySchemeType.HTTP, scheme = "basic")
class SecurityConfiguration {

  @Bean
  SecurityFilterChain adminApi(HttpSecurity http, JsonMapper json) throws Exception {
    CredentialsProblem refusal = new CredentialsProblem(json, "rowgate backup admin", "The admin API needs HTTP "
        + "Basic credentials: the user of ROWGATE_BACKUP_ADMIN_USER (admin unless set) and the password of "
        + "ROWGATE_BACKUP_ADMIN_PASSWORD");
    return BasicAuthentication.apply(http, refusal)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error").permitAll()
            .requestMatchers("/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**").permitAll()
            .anyRequest().hasRole("ADMIN"))
        .build();
  }

  @Bean
  UserDetailsService admin(BackupProperties properties, PasswordEncoder encoder) {
    BackupProperties.Admin admin = properties.admin();
    return new InMemoryUserDetailsManager(User.withUsername(admin.username()).password(encoder.encode(admin.password()))
        .roles("ADMIN").build());
  }
}
