package dev.rowgate.ingest.rows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import dev.rowgate.service.problem.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** Reads a request body of at most {@code limit} bytes; a larger one is refused with 413 before or while it is read. */
final class BoundedBody {

  private BoundedBody() {
  }

  static byte[] read(InputStream body, long contentLength, DataSize limit) {
    if (contentLength > limit.toBytes()) {
      throw tooLarge(limit);
    }
    try {
      byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit.toBytes() + 1));
      if (bytes.length > limit.toBytes()) {
        throw tooLarge(limit);
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
  }

  private static ApiException tooLarge(DataSize limit) {
    return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Body too large",
        "A JSON batch may have at most " + limit.toBytes() + " bytes; send fewer rows per batch, or a CSV file");
  }
}
