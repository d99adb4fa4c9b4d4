package dev.rowgate.ingest.csv;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.springframework.http.MediaType;

/**
 * The file of a multipart upload, read as it arrives: the parts before it are skipped and nothing
 * is spooled to memory or disk, so the rows of a large file are published while it is uploaded.
 * Its content can be read until the request is answered.
 */
record UploadedFile(String name, MediaType type, InputStream content) {

  static Optional<UploadedFile> find(HttpServletRequest request, String field) throws IOException {
    FileItemInputIterator parts = new JakartaServletFileUpload<>().getItemIterator(request);
    while (parts.hasNext()) {
      FileItemInput part = parts.next();
      if (!part.isFormField() && field.equals(part.getFieldName())) {
        MediaType type = part.getContentType() == null ? MediaType.TEXT_PLAIN
            : MediaType.parseMediaType(part.getContentType());
        return Optional.of(new UploadedFile(part.getName(), type, part.getInputStream()));
      }
    }
    return Optional.empty();
  }
}
