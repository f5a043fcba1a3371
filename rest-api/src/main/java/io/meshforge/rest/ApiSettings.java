package io.meshforge.rest;

/**
 * Settings of the REST API that each application takes from its own configuration.
 *
 * @param bodyLimit the largest request body accepted, in bytes; larger bodies get 413
 */
public record ApiSettings(long bodyLimit) {}
