package dev.rowgate.service.security;

import java.util.List;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;

/**
 * The roles of rowgate's users, each implying those below it: a viewer reads (rejected rows, whose
 * raw values may hold personal data), an operator also acts on them (redrives, discards, uploads
 * from the console), an admin also takes backups and restores them.
 */
public final class Roles {

  public static final String VIEWER = "VIEWER";
  public static final String OPERATOR = "OPERATOR";
  public static final String ADMIN = "ADMIN";

  /** The roles as configuration names them, lowest first. */
  public static final List<String> NAMES = List.of("viewer", "operator", "admin");

  private Roles() {
  }

  public static RoleHierarchy hierarchy() {
    return RoleHierarchyImpl.withDefaultRolePrefix()
        .role(ADMIN).implies(OPERATOR)
        .role(OPERATOR).implies(VIEWER)
        .build();
  }
}
