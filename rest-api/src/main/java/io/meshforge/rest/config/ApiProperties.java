package io.meshforge.rest.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code api.*}, the REST API listener, the same keys on global and zone control planes.
 *
 * @param http the HTTP listener
 * @param body request body limits
 */
public record ApiProperties(@DefaultValue Http http, @DefaultValue Body body) {

  /**
   * @param port the REST API port (Kuma's 5681; the local launcher gives each CP its own)
   */
  public record Http(@DefaultValue("5681") int port) {}

  /**
   * @param limit the largest request body accepted, in bytes; larger bodies get 413
   */
  public record Body(@DefaultValue("1048576") long limit) {}
}
