package io.meshforge.rest;

/** A path naming no registered resource type (or one of the wrong scope): answered with 404. */
class UnknownResourceTypeException extends RuntimeException {
  UnknownResourceTypeException(String message) {
    super(message);
  }
}
