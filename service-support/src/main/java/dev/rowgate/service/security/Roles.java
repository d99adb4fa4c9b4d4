package dev.rowgate.service.security;

import java.util.List;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;

/**
 * The roles of rowgate's users: a viewer reads (batch status, reports, rejected rows, whose raw
 * values may hold personal data); a writer sends rows to every table, and {@code writer:<table>}
 * to that table only; an operator is both, and also acts on rejected rows (redrives, discards,
 * uploads from the console); an admin is an operator who also takes backups and restores them.
 */
public final class Roles {

  public static final String VIEWER = "VIEWER";
  public static final String OPERATOR = "OPERATOR";
  public static final String ADMIN = "ADMIN";
  public static final String WRITER = "WRITER";
  /** The authority of a writer of one table: this, then the table's name. */
  public static final String TABLE_WRITER = "WRITE_TABLE_";
  /** How configuration names the writer of one table: this, then the table's name. */
  public static final String TABLE_WRITER_NAME = "writer:";

  /** The roles as configuration names them, besides {@code writer:<table>}. */
  public static final List<String> NAMES = List.of("viewer", "writer", "operator", "admin");

  private Roles() {
  }

  public static RoleHierarchy hierarchy() {
    return RoleHierarchyImpl.withDefaultRolePrefix()
        .role(ADMIN).implies(OPERATOR)
        .role(OPERATOR).implies(VIEWER, WRITER)
        .build();
  }
}
