package io.meshforge.dp;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads the admin port out of an Envoy bootstrap the CP sent. */
final class BootstrapAdmin {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private BootstrapAdmin() {}

  static int port(String bootstrap) {
    try {
      int port = JSON.readTree(bootstrap).at("/admin/address/socket_address/port_value").asInt(0);
      if (port <= 0) {
        throw new AgentFailure(ExitCodes.FAILED, "the control plane's bootstrap has no admin port");
      }
      return port;
    } catch (JacksonException e) {
      throw new AgentFailure(ExitCodes.FAILED, "the control plane's bootstrap is not JSON");
    }
  }
}
