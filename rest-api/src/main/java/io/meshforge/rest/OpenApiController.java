package io.meshforge.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the hand-written OpenAPI document of the REST API at {@code GET /openapi.yaml} (DESIGN.md
 * §8). The document is a resource of this module, so both control planes publish the same one.
 */
@RestController
class OpenApiController {
  /** Where the document lives on the class path. */
  static final String DOCUMENT = "openapi/openapi.yaml";

  private static final MediaType YAML = MediaType.parseMediaType("application/yaml");
  private final String document;

  OpenApiController() {
    this.document = read();
  }

  @GetMapping("/openapi.yaml")
  ResponseEntity<String> document() {
    return ResponseEntity.ok().contentType(YAML).body(document);
  }

  static String read() {
    try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException(DOCUMENT + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DOCUMENT, e);
    }
  }
}
