package io.meshforge.rest;

import io.meshforge.model.Resource;
import io.meshforge.model.codec.ResourceCodec;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Writes answers as JSON, or as YAML when the client asks for it with {@code Accept:
 * application/yaml}.
 */
@Component
class ResponseFormat {
  static final MediaType YAML = MediaType.parseMediaType("application/yaml");

  private final ResourceCodec codec;

  ResponseFormat(ResourceCodec codec) {
    this.codec = codec;
  }

  ResponseEntity<String> resource(Resource resource, String accept, HttpStatus status) {
    return tree(codec.encode(resource), accept, status);
  }

  ResponseEntity<String> tree(JsonNode node, String accept, HttpStatus status) {
    if (wantsYaml(accept)) {
      return ResponseEntity.status(status).contentType(YAML).body(codec.toYaml(node));
    }
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(codec.toJson(node) + "\n");
  }

  JsonNode encode(Resource resource) {
    return codec.encode(resource);
  }

  static boolean wantsYaml(String accept) {
    if (accept == null) {
      return false;
    }
    String a = accept.toLowerCase(Locale.ROOT);
    return (a.contains("yaml") || a.contains("yml")) && !a.startsWith("application/json");
  }
}
