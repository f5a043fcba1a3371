package io.meshforge.global.gui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.HttpRequestHandler;

/**
 * Serves the GUI's static files from a classpath folder: {@code /gui} and {@code /gui/} answer
 * {@code index.html}, {@code /gui/<path>} the file at that path. Only GET and HEAD; unknown files
 * are 404 (through the API's usual error body).
 *
 * <p>Paths are checked against a strict pattern (letters, digits, {@code - _ .} and {@code /}
 * between non-empty segments, no {@code ..}) before the classpath is consulted, so a request can
 * never name a resource outside the folder. Answers carry {@code Cache-Control: no-cache} (an
 * upgraded control plane serves its own GUI at once) and a Content-Security-Policy that allows only
 * the same origin's scripts and styles: the pages show user-written resources, and the CSP is a
 * second line behind the pages' own escaping.
 */
final class GuiFiles implements HttpRequestHandler {

  /** Where the files live on the classpath. */
  static final String CLASSPATH_FOLDER = "gui/";

  private static final String PREFIX = "/gui";
  private static final String INDEX = "index.html";
  private static final Pattern SAFE_PATH =
      Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");
  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "html", "text/html;charset=UTF-8",
          "js", "text/javascript;charset=UTF-8",
          "css", "text/css;charset=UTF-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon",
          "json", "application/json");
  private static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private final String folder;

  /** Serves files found under {@code classpathFolder} (ending with {@code /}). */
  GuiFiles(String classpathFolder) {
    this.folder = classpathFolder;
  }

  @Override
  public void handleRequest(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String method = request.getMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      response.setHeader("Allow", "GET, HEAD");
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "the GUI is read-only");
      return;
    }
    String file = fileOf(request.getRequestURI().substring(request.getContextPath().length()));
    ClassPathResource resource = file == null ? null : new ClassPathResource(folder + file);
    String contentType = file == null ? null : CONTENT_TYPES.get(extension(file));
    if (resource == null || contentType == null || !resource.isReadable()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND, "no such GUI file");
      return;
    }
    response.setContentType(contentType);
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Content-Security-Policy", CSP);
    response.setHeader("Referrer-Policy", "no-referrer");
    try (InputStream in = resource.getInputStream()) {
      byte[] body = in.readAllBytes();
      response.setContentLength(body.length);
      if (method.equals("GET")) {
        response.getOutputStream().write(body);
      }
    }
  }

  /** The file a request path names, relative to the folder, or null when it names none safely. */
  static String fileOf(String path) {
    if (path.equals(PREFIX) || path.equals(PREFIX + "/")) {
      return INDEX;
    }
    if (!path.startsWith(PREFIX + "/")) {
      return null;
    }
    String relative = path.substring(PREFIX.length() + 1);
    if (!SAFE_PATH.matcher(relative).matches() || relative.contains("..")) {
      return null;
    }
    return relative;
  }

  private static String extension(String file) {
    int dot = file.lastIndexOf('.');
    return dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
