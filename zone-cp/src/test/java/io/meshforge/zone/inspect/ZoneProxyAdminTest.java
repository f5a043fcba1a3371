package io.meshforge.zone.inspect;

import static io.meshforge.zone.Resources.dataplane;
import static io.meshforge.zone.Resources.mesh;
import static io.meshforge.zone.Resources.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.InMemoryResourceStore;
import io.meshforge.model.store.ResourceNotFoundException;
import io.meshforge.rest.inspect.EnvoyAdminKind;
import io.meshforge.rest.inspect.ProxyAdminException;
import io.meshforge.rest.inspect.ProxyAdminException.Reason;
import io.meshforge.rest.inspect.ProxyAdminQuery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ZoneProxyAdminTest {
  private final InMemoryResourceStore store = new InMemoryResourceStore();
  private final Set<ResourceKey> connected = ConcurrentHashMap.newKeySet();
  private final FakeEnvoyAdmin envoy;
  private final ZoneProxyAdmin admin;

  ZoneProxyAdminTest() throws Exception {
    envoy = new FakeEnvoyAdmin().answer("/clusters", "backend::1\n");
    admin =
        new ZoneProxyAdmin(
            store, connected::contains, new EnvoyAdminClient(Duration.ofSeconds(2), 1 << 20));
    store.create(mesh("default"));
  }

  @AfterEach
  void stop() {
    envoy.close();
  }

  @Test
  void fetch_connectedDataplane_readsItsAdminPort() {
    ResourceKey web = register("web-1", envoy.port());
    connected.add(web);

    byte[] answer = admin.fetch(new ProxyAdminQuery(web, EnvoyAdminKind.CLUSTERS, false));

    assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("backend::1\n");
  }

  @Test
  void fetch_unknownDataplane_notFound() {
    ResourceKey ghost = ResourceKey.inMesh(ResourceTypes.DATAPLANE, "default", "ghost");

    assertThatThrownBy(() -> admin.fetch(new ProxyAdminQuery(ghost, EnvoyAdminKind.STATS, false)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("ghost");
  }

  @Test
  void fetch_dataplaneNotConnected_offlineWithoutAskingEnvoy() {
    ResourceKey web = register("web-1", envoy.port());

    assertThatThrownBy(() -> admin.fetch(new ProxyAdminQuery(web, EnvoyAdminKind.STATS, false)))
        .isInstanceOfSatisfying(
            ProxyAdminException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PROXY_OFFLINE));
    assertThat(envoy.requested()).isEmpty();
  }

  @Test
  void fetch_zoneIngress_unsupported() {
    ResourceKey ingress = ResourceKey.global(ResourceTypes.ZONE_INGRESS, "ingress-1");

    assertThatThrownBy(() -> admin.fetch(new ProxyAdminQuery(ingress, EnvoyAdminKind.STATS, false)))
        .isInstanceOfSatisfying(
            ProxyAdminException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED));
  }

  @Test
  void adminPort_dataplaneNamesNone_envoyDefault9901() {
    assertThat(ZoneProxyAdmin.adminPort(dataplane("default", "plain"))).isEqualTo(9901);
  }

  @Test
  void adminPort_dataplaneNamesOne_thatPort() {
    register("web-1", 19000);

    assertThat(
            ZoneProxyAdmin.adminPort(
                store
                    .get(ResourceKey.inMesh(ResourceTypes.DATAPLANE, "default", "web-1"))
                    .orElseThrow()))
        .isEqualTo(19000);
  }

  private ResourceKey register(String name, int adminPort) {
    store.create(
        yaml(
            """
            type: Dataplane
            name: %s
            mesh: default
            networking:
              address: 127.0.0.1
              admin: {port: %d}
              inbound:
              - port: 8080
                tags: {kuma.io/service: web}
            """
                .formatted(name, adminPort)));
    return ResourceKey.inMesh(ResourceTypes.DATAPLANE, "default", name);
  }
}
