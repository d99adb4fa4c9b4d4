package dev.rowgate.ingest;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.jdbc.core.JdbcTemplate;

/** What a test sees of a CSV upload still arriving, and does to one. */
public final class UploadUnderway {

  private UploadUnderway() {
  }

  /** The batch of the upload of {@code fileName}, once its first row arrived and the batch was made. */
  public static String batchOf(JdbcTemplate jdbc, String fileName) {
    return await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForList(
        "SELECT id FROM ingest_batches WHERE file_name = ?", String.class, fileName), ids -> ids.size() == 1).get(0);
  }

  /**
   * Starts an upload of {@code fileName}, with the credentials of the {@link TestClient}, that announces a larger body than {@code part}, sends
   * {@code part}, waits until the batch exists and closes the connection: a client that went away.
   *
   * @return the batch of the upload
   */
  public static String hangUpAfter(int port, JdbcTemplate jdbc, String path, String contentType, String fileName,
                                   String part) {
    byte[] body = part.getBytes(StandardCharsets.UTF_8);
    String credentials = java.util.Base64.getEncoder().encodeToString((TestClient.USER + ":" + TestClient.PASSWORD)
        .getBytes(StandardCharsets.UTF_8));
    String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials
        + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + (body.length * 10) + "\r\n\r\n";
    try (Socket socket = new Socket("localhost", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      return batchOf(jdbc, fileName);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
