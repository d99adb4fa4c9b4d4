package dev.rowgate.ingest.console;

import java.util.Set;
import java.util.stream.Collectors;

import dev.rowgate.service.security.Roles;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Who is signed in to the console, and what their roles let them do: a page shows no button its
 * user may not press (and the server refuses the call anyway).
 */
@ControllerAdvice(annotations = ConsolePage.class)
class SignedIn {

  private final RoleHierarchy roles;

  SignedIn(RoleHierarchy roles) {
    this.roles = roles;
  }

  /** The signed-in user's name and reachable roles. */
  record User(String name, Set<String> roles) {

    public boolean canOperate() {
      return roles.contains("ROLE_" + Roles.OPERATOR);
    }

    public boolean canAdmin() {
      return roles.contains("ROLE_" + Roles.ADMIN);
    }
  }

  @ModelAttribute("user")
  User user(Authentication authentication) {
    if (authentication == null) {
      return new User(null, Set.of());
    }
    return new User(authentication.getName(), roles.getReachableGrantedAuthorities(authentication.getAuthorities())
        .stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet()));
  }
}
