package dev.rowgate.ingest;

import dev.rowgate.stack.test.Http;

/**
 * The client of the ingest API in its tests: a user who may send rows to every table and read
 * batches and reports (writer, viewer), configured by {@link #USER_PASSWORD} and {@link #USER_ROLES}.
 */
public final class TestClient {

  public static final String USER = "client";
  public static final String PASSWORD = "client-secret";
  public static final String USER_PASSWORD = "rowgate.security.users.client.password=" + PASSWORD;
  public static final String USER_ROLES = "rowgate.security.users.client.roles=writer,viewer";

  private TestClient() {
  }

  /** The API on this port, with the client's credentials. */
  public static Http of(int port) {
    return new Http(port).withBasicAuth(USER, PASSWORD);
  }
}
