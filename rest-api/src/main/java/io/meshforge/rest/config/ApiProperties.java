package io.meshforge.rest.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code api.*}, the REST API listener, the same keys on global and zone control planes.
 *
 * @param http the HTTP listener
 * @param body request body limits
 * @param auth authentication of API callers
 */
public record ApiProperties(
    @DefaultValue Http http, @DefaultValue Body body, @DefaultValue Auth auth) {

  /**
   * @param port the REST API port (Kuma's 5681; the local launcher gives each CP its own)
   */
  public record Http(@DefaultValue("5681") int port) {}

  /**
   * @param limit the largest request body accepted, in bytes; larger bodies get 413
   */
  public record Body(@DefaultValue("1048576") long limit) {}

  /**
   * @param localhostIsAdmin for local development only: a request from a loopback address without
   *     an {@code Authorization} header is treated as the admin. Off by default (Kuma's default is
   *     on; ADR 0024 says why we differ).
   */
  public record Auth(@DefaultValue("false") boolean localhostIsAdmin) {}
}
