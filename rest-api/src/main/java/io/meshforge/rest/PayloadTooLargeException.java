package io.meshforge.rest;

/** A request body over the configured limit: answered with 413. */
class PayloadTooLargeException extends RuntimeException {
  PayloadTooLargeException(long limit) {
    super("the request body is larger than the limit of " + limit + " bytes");
  }
}
