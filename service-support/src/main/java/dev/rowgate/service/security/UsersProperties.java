package dev.rowgate.service.security;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.validation.annotation.Validated;

/**
 * The users of a service's API, from configuration: the admin, when its password is set
 * ({@code ROWGATE_ADMIN_PASSWORD}), and more users as {@code rowgate.security.users.<name>.password}
 * and {@code .roles}, in the environment {@code ROWGATE_SECURITY_USERS_<NAME>_PASSWORD} and
 * {@code ROWGATE_SECURITY_USERS_<NAME>_ROLES} (viewer, operator or admin, comma-separated). No user
 * has a default password: a user without one stops the service at start, saying so.
 *
 * @param admin the user with every role
 * @param users more users, by name
 */
@Validated
@ConfigurationProperties("rowgate.security")
public record UsersProperties(@DefaultValue @Valid Admin admin, @DefaultValue Map<String, @Valid UserEntry> users) {

  /**
   * @param username the admin's name
   * @param password the admin's password; without one there is no admin
   */
  public record Admin(@DefaultValue("admin") @NotBlank String username, String password) {
  }

  /**
   * @param password the user's password
   * @param roles    viewer, operator or admin; each implies those before it
   */
  public record UserEntry(@NotBlank(message = "is not set: every user needs a password") String password,
                          @NotEmpty(message = "is not set: viewer, operator or admin") List<String> roles) {
  }

  /** The users, their passwords encoded, for HTTP Basic. */
  public InMemoryUserDetailsManager userDetails(PasswordEncoder encoder) {
    InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager();
    if (admin.password() != null && !admin.password().isBlank()) {
      manager.createUser(user(admin.username(), new UserEntry(admin.password(), List.of("admin")), encoder));
    }
    users.forEach((name, user) -> manager.createUser(user(name, user, encoder)));
    return manager;
  }

  private static UserDetails user(String name, UserEntry user, PasswordEncoder encoder) {
    String[] roles = user.roles().stream().map(role -> {
      String known = role.trim().toLowerCase(Locale.ROOT);
      if (!Roles.NAMES.contains(known)) {
        throw new IllegalArgumentException("rowgate.security.users." + name + ".roles: '" + role
            + "' is no role; the roles are " + String.join(", ", Roles.NAMES));
      }
      return known.toUpperCase(Locale.ROOT);
    }).toArray(String[]::new);
    return User.withUsername(name).password(encoder.encode(user.password())).roles(roles).build();
  }
}
