package io.meshforge.rest;

import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/** {@code GET :5680/healthy}: liveness, 200 while the process serves requests. */
@Component
@Endpoint(id = "healthy")
class HealthyEndpoint {
  @ReadOperation
  Map<String, String> healthy() {
    return Map.of("status", "healthy");
  }
}
