package io.meshforge.rest;

import io.meshforge.model.codec.DocumentFormat;
import io.meshforge.model.validation.ValidationException;
import io.meshforge.model.validation.Violation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads a request body within the configured limit, before any parsing: a body over the limit is
 * refused with 413 whether or not it declared its length.
 */
@Component
class RequestBodyReader {
  private final long limit;

  RequestBodyReader(ApiSettings settings) {
    this.limit = settings.bodyLimit();
  }

  /** A body and the format it is written in. */
  record Body(byte[] bytes, DocumentFormat format) {}

  Body read(HttpServletRequest request) {
    if (request.getContentLengthLong() > limit) {
      throw new PayloadTooLargeException(limit);
    }
    byte[] bytes;
    try (InputStream in = request.getInputStream()) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the request body", e);
    }
    if (bytes.length > limit) {
      throw new PayloadTooLargeException(limit);
    }
    if (isBlank(bytes)) {
      throw new ValidationException(List.of(new Violation("", "the request body is empty")));
    }
    return new Body(bytes, formatOf(request.getContentType(), bytes));
  }

  /**
   * JSON or YAML by content type; without a telling content type, JSON when the body starts with a
   * brace (JSON is YAML too, but the JSON parser reports JSON mistakes better).
   */
  static DocumentFormat formatOf(String contentType, byte[] bytes) {
    String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
    if (type.contains("json")) {
      return DocumentFormat.JSON;
    }
    if (type.contains("yaml") || type.contains("yml")) {
      return DocumentFormat.YAML;
    }
    for (byte b : bytes) {
      if (!Character.isWhitespace(b)) {
        return b == '{' ? DocumentFormat.JSON : DocumentFormat.YAML;
      }
    }
    return DocumentFormat.YAML;
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (!Character.isWhitespace(b)) {
        return false;
      }
    }
    return true;
  }
}
