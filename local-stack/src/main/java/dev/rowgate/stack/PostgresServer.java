package dev.rowgate.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server to create databases on: either an embedded one (real PostgreSQL binaries
 * unpacked from a jar and run as a child process) or an external server given by a JDBC URL of
 * one of its databases.
 */
public final class PostgresServer implements AutoCloseable {

  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Pattern ENCODING_NAME = Pattern.compile("[A-Za-z0-9_]{1,30}");

  private final EmbeddedPostgres embedded;
  private final String adminUrl;

  private PostgresServer(EmbeddedPostgres embedded, String adminUrl) {
    this.embedded = embedded;
    this.adminUrl = adminUrl;
  }

  /**
   * Starts an embedded server keeping its data in {@code dataDir} across restarts.
   *
   * @param port the port to listen on, or 0 for any free port
   */
  public static PostgresServer embedded(Path dataDir, int port) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setCleanDataDirectory(dataDir == null)
          .setServerConfig("max_connections", "200")
          // The embedded default is off, under which a crash of the server loses transactions it
          // reported committed, and the writer's offsets with them: rows it will not write again.
          .setServerConfig("synchronous_commit", "on");
      if (System.getenv("ROWGATE_PG_STAT_STATEMENTS") != null) {
        builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
      }
      if (dataDir != null) {
        builder.setDataDirectory(dataDir);
      }
      if (port != 0) {
        builder.setPort(port);
      }
      EmbeddedPostgres postgres = builder.start();
      return new PostgresServer(postgres, postgres.getJdbcUrl("postgres", "postgres"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
    }
  }

  /** An external server, reached through the JDBC URL of one of its databases (user and password in it). */
  public static PostgresServer external(String adminUrl) {
    return new PostgresServer(null, adminUrl);
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  /** The JDBC URL of {@code database} on this server, with the same credentials as the admin URL. */
  public String jdbcUrl(String database) {
    if (embedded != null) {
      return embedded.getJdbcUrl("postgres", database);
    }
    return adminUrl.replaceFirst("(jdbc:postgresql://[^/]*/)([^?]*)", "$1" + database);
  }

  /** Creates {@code database} unless it exists, with {@code timeZone} as its default session time zone. */
  public void createDatabase(String database, String timeZone) {
    createDatabase(database, timeZone, null);
  }

  /**
   * Creates {@code database} unless it exists, with {@code timeZone} as its default session time
   * zone, and in {@code encoding} (with the C locale) unless that is null: then as the server's
   * template database is.
   */
  public void createDatabase(String database, String timeZone, String encoding) {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("not a plain database name: " + database);
    }
    if (encoding != null && !ENCODING_NAME.matcher(encoding).matches()) {
      throw new IllegalArgumentException("not an encoding name: " + encoding);
    }
    try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
      boolean exists;
      try (var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
        exists = rs.next();
      }
      if (!exists) {
        s.execute("CREATE DATABASE " + database + (encoding == null ? ""
            : " ENCODING '" + encoding + "' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"));
        s.execute("ALTER DATABASE " + database + " SET timezone TO '" + timeZone.replace("'", "") + "'");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
    }
  }

  public void dropDatabase(String database) {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("not a plain database name: " + database);
    }
    try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop database " + database + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
