package io.meshforge.rest;

import io.meshforge.model.store.OwnerNotFoundException;
import io.meshforge.model.store.ResourceAlreadyExistsException;
import io.meshforge.model.store.ResourceConflictException;
import io.meshforge.model.store.ResourceNotFoundException;
import io.meshforge.model.store.StoreUnavailableException;
import io.meshforge.model.validation.ValidationException;
import io.meshforge.rest.inspect.ProxyAdminException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place where exceptions become HTTP answers. Bad input is always a 4xx naming the field;
 * only an unexpected failure is a 500, and it is logged.
 */
@RestControllerAdvice
class ApiExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ValidationException.class)
  ResponseEntity<ApiProblem> invalid(ValidationException e) {
    List<ApiProblem.Cause> causes =
        e.violations().stream().map(v -> new ApiProblem.Cause(v.field(), v.message())).toList();
    return answer(
        HttpStatus.BAD_REQUEST,
        new ApiProblem("Could not process a resource", "Resource is not valid", causes));
  }

  @ExceptionHandler(OwnerNotFoundException.class)
  ResponseEntity<ApiProblem> ownerMissing(OwnerNotFoundException e) {
    return answer(
        HttpStatus.BAD_REQUEST,
        new ApiProblem(
            "Could not process a resource",
            "Resource is not valid",
            List.of(new ApiProblem.Cause("mesh", e.getMessage()))));
  }

  @ExceptionHandler({ResourceNotFoundException.class, UnknownResourceTypeException.class})
  ResponseEntity<ApiProblem> notFound(RuntimeException e) {
    return answer(HttpStatus.NOT_FOUND, ApiProblem.of("Not found", e.getMessage()));
  }

  @ExceptionHandler({ResourceConflictException.class, ResourceAlreadyExistsException.class})
  ResponseEntity<ApiProblem> conflict(RuntimeException e) {
    return answer(
        HttpStatus.CONFLICT,
        ApiProblem.of(
            "Conflict",
            e.getMessage() + "; the resource was changed by someone else, read it and try again"));
  }

  @ExceptionHandler(ReadOnlyTypeException.class)
  ResponseEntity<ApiProblem> readOnly(ReadOnlyTypeException e) {
    return answer(HttpStatus.METHOD_NOT_ALLOWED, ApiProblem.of("Read-only", e.getMessage()));
  }

  @ExceptionHandler(PayloadTooLargeException.class)
  ResponseEntity<ApiProblem> tooLarge(PayloadTooLargeException e) {
    return answer(HttpStatus.CONTENT_TOO_LARGE, ApiProblem.of("Payload too large", e.getMessage()));
  }

  @ExceptionHandler(StoreUnavailableException.class)
  ResponseEntity<ApiProblem> unavailable(StoreUnavailableException e) {
    log.warn("store unavailable: {}", e.getMessage());
    return answer(
        HttpStatus.SERVICE_UNAVAILABLE,
        ApiProblem.of(
            "Store unavailable",
            "the database cannot be reached; nothing was written, retry later"));
  }

  @ExceptionHandler(ProxyAdminException.class)
  ResponseEntity<ApiProblem> proxyAdmin(ProxyAdminException e) {
    HttpStatus status =
        switch (e.reason()) {
          case PROXY_OFFLINE, ZONE_OFFLINE -> HttpStatus.SERVICE_UNAVAILABLE;
          case ADMIN_UNREACHABLE, TOO_LARGE -> HttpStatus.BAD_GATEWAY;
          case ADMIN_TIMEOUT, ZONE_TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
          case UNSUPPORTED -> HttpStatus.BAD_REQUEST;
        };
    String title =
        switch (e.reason()) {
          case PROXY_OFFLINE -> "Proxy offline";
          case ZONE_OFFLINE -> "Zone offline";
          case ADMIN_UNREACHABLE -> "Envoy admin unreachable";
          case TOO_LARGE -> "Envoy admin answer too large";
          case ADMIN_TIMEOUT -> "Envoy admin timeout";
          case ZONE_TIMEOUT -> "Zone timeout";
          case UNSUPPORTED -> "Bad Request";
        };
    log.info("inspect refused ({}): {}", e.reason(), e.getMessage());
    return answer(status, ApiProblem.of(title, e.getMessage()));
  }

  /** Spring MVC's own errors (unsupported method or media type, bad parameter, ...). */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiProblem> other(Exception e) {
    if (e instanceof ErrorResponse spring) {
      HttpStatusCode status = spring.getStatusCode();
      String detail = spring.getBody().getDetail();
      return answer(
          status,
          ApiProblem.of(
              HttpStatus.valueOf(status.value()).getReasonPhrase(),
              detail != null ? detail : e.getMessage()));
    }
    if (e instanceof org.springframework.http.converter.HttpMessageNotReadableException) {
      return answer(
          HttpStatus.BAD_REQUEST, ApiProblem.of("Bad Request", "the request body is not readable"));
    }
    log.error("unexpected failure", e);
    return answer(
        HttpStatus.INTERNAL_SERVER_ERROR,
        ApiProblem.of("Internal Server Error", "an unexpected error occurred; see the CP log"));
  }

  static ResponseEntity<ApiProblem> answer(HttpStatusCode status, ApiProblem problem) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(problem);
  }
}
