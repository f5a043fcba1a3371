package io.meshforge.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the hand-written OpenAPI document of the REST API at {@code GET /openapi.yaml} (DESIGN.md
 * §8): this module's document, shared by both control planes, plus the paths only the running
 * control plane serves ({@code openapi/<mode>-paths.yaml}, a file each control-plane module ships:
 * global's zone overviews and tokens, the zone's status and epoch confirmation), so neither lists
 * the other's. The file is chosen by the mode, not found by scanning, because a test class path may
 * hold both modules.
 */
@RestController
class OpenApiController {
  /** Where the document lives on the class path. */
  static final String DOCUMENT = "openapi/openapi.yaml";

  /**
   * Where a control plane's own paths live on the class path ({@code %s} is its mode): path items
   * indented as under {@code paths:}, inserted at the end of the document's paths.
   */
  static final String OWN_PATHS = "openapi/%s-paths.yaml";

  private static final String COMPONENTS = "\ncomponents:";

  private static final MediaType YAML = MediaType.parseMediaType("application/yaml");
  private final String document;

  OpenApiController(ControlPlaneIdentity identity) {
    this.document = read(identity.mode());
  }

  @GetMapping("/openapi.yaml")
  ResponseEntity<String> document() {
    return ResponseEntity.ok().contentType(YAML).body(document);
  }

  /** Returns the shared document alone. */
  static String read() {
    return read("");
  }

  /** Returns the document with the paths of the control plane of {@code mode}, if it has any. */
  static String read(String mode) {
    ClassLoader loader = OpenApiController.class.getClassLoader();
    URL document = loader.getResource(DOCUMENT);
    if (document == null) {
      throw new IllegalStateException(DOCUMENT + " is missing from the class path");
    }
    URL own = mode.isBlank() ? null : loader.getResource(OWN_PATHS.formatted(mode));
    return withPaths(text(document), own == null ? "" : text(own));
  }

  /** Inserts {@code paths} (path items at the paths level) before the document's components. */
  static String withPaths(String document, String paths) {
    if (paths.isBlank()) {
      return document;
    }
    int components = document.indexOf(COMPONENTS);
    if (components < 0) {
      throw new IllegalStateException(DOCUMENT + " has no top-level components section");
    }
    String block = paths.endsWith("\n") ? paths : paths + "\n";
    return document.substring(0, components + 1) + block + document.substring(components + 1);
  }

  private static String text(URL url) {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + url, e);
    }
  }
}
