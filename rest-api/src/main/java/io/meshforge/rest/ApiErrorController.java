package io.meshforge.rest;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors raised outside the controllers (by the servlet container or filters) in the same
 * {@code {title, details, causes}} shape as everything else.
 */
@RestController
class ApiErrorController implements ErrorController {

  @RequestMapping("/error")
  ResponseEntity<ApiProblem> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        code instanceof Integer i
            ? HttpStatus.resolve(i) != null ? HttpStatus.resolve(i) : HttpStatus.BAD_REQUEST
            : HttpStatus.BAD_REQUEST;
    Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    if (exception instanceof PayloadTooLargeException tooLarge) {
      return ApiExceptionHandler.answer(
          HttpStatus.CONTENT_TOO_LARGE, ApiProblem.of("Payload too large", tooLarge.getMessage()));
    }
    return ApiExceptionHandler.answer(
        status, ApiProblem.of(status.getReasonPhrase(), "the request could not be served"));
  }
}
