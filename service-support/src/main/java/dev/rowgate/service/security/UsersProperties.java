package dev.rowgate.service.security;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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
 * {@code ROWGATE_SECURITY_USERS_<NAME>_ROLES} (viewer, writer, {@code writer:<table>}, operator or
 * admin, comma-separated; see {@link Roles}). No user has a default password: a user without one
 * stops the service at start, saying so.
 *
 * @param admin   the user with every role
 * @param users   more users, by name
 * @param enabled false only to open the API to anyone, which the service then says in a warning at
 *                start ({@code ROWGATE_SECURITY_ENABLED=false})
 */
@Validated
@ConfigurationProperties("rowgate.security")
public record UsersProperties(@DefaultValue @Valid Admin admin, @DefaultValue Map<String, @Valid UserEntry> users,
                              @DefaultValue("true") boolean enabled) {

  /** A table's name, as a table definition gives it. */
  private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*");

  /**
   * @param username the admin's name
   * @param password the admin's password; without one there is no admin
   */
  public record Admin(@DefaultValue("admin") @NotBlank String username, String password) {

    /** Spring leaves a placeholder it cannot resolve as it is: {@code ${ROWGATE_ADMIN_PASSWORD}} is no password. */
    public Admin {
      if (password != null && password.startsWith("${") && password.endsWith("}")) {
        password = null;
      }
    }
  }

  /**
   * @param password the user's password
   * @param roles    viewer, operator or admin; each implies those before it
   */
  public record UserEntry(@NotBlank(message = "is not set: every user needs a password") String password,
                          @NotEmpty(message = "is not set: viewer, operator or admin") List<String> roles) {
  }

  /** Whether some user has the role admin: the admin, with a password, or a user given that role. */
  public boolean anyAdmin() {
    return admin.password() != null && !admin.password().isBlank() || users.values().stream()
        .anyMatch(user -> user.roles().stream().anyMatch(role -> role.trim().equalsIgnoreCase("admin")));
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
    String[] authorities = user.roles().stream().map(role -> authority(name, role)).toArray(String[]::new);
    return User.withUsername(name).password(encoder.encode(user.password())).authorities(authorities).build();
  }

  /** {@code ROLE_<ROLE>} for a role, {@code WRITE_TABLE_<table>} for {@code writer:<table>}. */
  private static String authority(String user, String role) {
    String known = role.trim().toLowerCase(Locale.ROOT);
    if (known.startsWith(Roles.TABLE_WRITER_NAME) && TABLE.matcher(known.substring(Roles.TABLE_WRITER_NAME.length()))
        .matches()) {
      return Roles.TABLE_WRITER + known.substring(Roles.TABLE_WRITER_NAME.length());
    }
    if (!Roles.NAMES.contains(known)) {
      throw new IllegalArgumentException("rowgate.security.users." + user + ".roles: '" + role + "' is no role; the "
          + "roles are " + String.join(", ", Roles.NAMES) + ", and " + Roles.TABLE_WRITER_NAME + "<table> for one "
          + "table");
    }
    return "ROLE_" + known.toUpperCase(Locale.ROOT);
  }
}
