package io.meshforge.rest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiAccessRulesTest {

  private final ApiAccessRules zone = new ApiAccessRules(Set.of("/bootstrap"));
  private final ApiAccessRules global = new ApiAccessRules(Set.of());

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "GET, /, ANONYMOUS",
    "HEAD, /, ANONYMOUS",
    "POST, /, AUTHENTICATED",
    "GET, /gui, ANONYMOUS",
    "GET, /gui/js/api.js, ANONYMOUS",
    "PUT, /gui/js/api.js, AUTHENTICATED",
    "GET, /openapi.yaml, ANONYMOUS",
    "GET, /openapi.yaml/x, AUTHENTICATED",
    "POST, /bootstrap, ANONYMOUS",
    "GET, /bootstrap, AUTHENTICATED",
    "POST, /bootstrap/x, AUTHENTICATED",
    "GET, /meshes, AUTHENTICATED",
    "GET, /meshes/default, AUTHENTICATED",
    "PUT, /meshes/default/meshtimeouts/t, AUTHENTICATED",
    "GET, /meshes/default/dataplanes/web/_overview, AUTHENTICATED",
    "GET, /meshes/default/dataplanes/web/policies, AUTHENTICATED",
    "GET, /config, AUTHENTICATED",
    "GET, /zone/status, AUTHENTICATED",
    "GET, /error, AUTHENTICATED",
    "GET, /anything/else, AUTHENTICATED",
    "GET, /meshes/default/secrets, ADMIN",
    "GET, /meshes/default/secrets/s, ADMIN",
    "PUT, /meshes/default/SECRETS/s, ADMIN",
    "GET, /secrets, ADMIN",
    "GET, //secrets/, ADMIN",
    "GET, /global-secrets, ADMIN",
    "DELETE, /global-secrets/g, ADMIN",
    "POST, /tokens/user, ADMIN",
    "POST, /tokens/dataplane, ADMIN",
    "POST, /tokens, ADMIN",
    "GET, /meshes/default/dataplanes/web/xds, ADMIN",
    "GET, /meshes/default/dataplanes/web/stats, ADMIN",
    "GET, /meshes/default/dataplanes/web/clusters, ADMIN",
    "GET, /meshes/default/dataplanes/web/traffic, ADMIN",
    "GET, /zoneingresses/ingress-1/xds, ADMIN",
    "POST, /zone/epoch/confirm, ADMIN",
    "GET, /gui/../meshes/default/secrets, ADMIN",
    "GET, /meshes/./default, ADMIN",
  })
  void required_perMethodAndPath_matchesAdr0024(String method, String path, ApiAccess expected) {
    assertThat(zone.required(method, path)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"POST, /bootstrap", "GET, /meshes/default/meshtimeouts"})
  void required_onGlobal_hasNoAnonymousPost(String method, String path) {
    assertThat(global.required(method, path)).isEqualTo(ApiAccess.AUTHENTICATED);
  }
}
