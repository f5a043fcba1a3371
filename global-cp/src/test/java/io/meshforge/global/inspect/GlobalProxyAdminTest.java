package io.meshforge.global.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.meshforge.kds.transport.ZoneNotConnectedException;
import io.meshforge.kds.v1.EnvoyAdminRequest;
import io.meshforge.kds.v1.EnvoyAdminResponse;
import io.meshforge.kds.v1.EnvoyAdminResponse.ErrorCode;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.store.InMemoryResourceStore;
import io.meshforge.model.store.ResourceNotFoundException;
import io.meshforge.rest.inspect.EnvoyAdminKind;
import io.meshforge.rest.inspect.ProxyAdminException;
import io.meshforge.rest.inspect.ProxyAdminException.Reason;
import io.meshforge.rest.inspect.ProxyAdminQuery;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class GlobalProxyAdminTest {
  private static final ResourceKey COPY =
      ResourceKey.inMesh(ResourceTypes.DATAPLANE, "default", "web-1-abc123");

  private final InMemoryResourceStore store = new InMemoryResourceStore();
  private final List<String> zonesAsked = new CopyOnWriteArrayList<>();
  private final List<EnvoyAdminRequest> requests = new CopyOnWriteArrayList<>();

  GlobalProxyAdminTest() {
    store.create(
        Resource.of(
            ResourceKey.global(ResourceTypes.MESH, "default"),
            Map.of(),
            JsonMapper.builder().build().readTree("{}")));
  }

  @Test
  void fetch_syncedCopy_asksOwningZoneUnderDisplayName() {
    storeCopy(Map.of(WellKnownLabels.ZONE, "east", WellKnownLabels.DISPLAY_NAME, "web-1"));
    GlobalProxyAdmin admin = admin(CompletableFuture.completedFuture(payload("dump")));

    byte[] answer = admin.fetch(new ProxyAdminQuery(COPY, EnvoyAdminKind.CONFIG_DUMP, true));

    assertThat(answer).asString().isEqualTo("dump");
    assertThat(zonesAsked).containsExactly("east");
    assertThat(requests.getFirst())
        .satisfies(r -> {
          assertThat(r.getResourceName()).isEqualTo("web-1");
          assertThat(r.getResourceMesh()).isEqualTo("default");
          assertThat(r.getResourceType()).isEqualTo("Dataplane");
          assertThat(r.getKind()).isEqualTo(EnvoyAdminRequest.Kind.CONFIG_DUMP);
          assertThat(r.getIncludeEds()).isTrue();
        });
  }

  @Test
  void fetch_zoneNeverAnswers_zoneTimeoutAfterTheConfiguredWait() {
    storeCopy(Map.of(WellKnownLabels.ZONE, "east"));
    CompletableFuture<EnvoyAdminResponse> never = new CompletableFuture<>();
    GlobalProxyAdmin admin = admin(never);

    assertThatThrownBy(() -> admin.fetch(new ProxyAdminQuery(COPY, EnvoyAdminKind.STATS, false)))
        .isInstanceOfSatisfying(
            ProxyAdminException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ZONE_TIMEOUT))
        .hasMessageContaining("east");
    assertThat(never).as("the pending request is given up").isCancelled();
  }

  @Test
  void fetch_zoneNotConnected_zoneOffline() {
    storeCopy(Map.of(WellKnownLabels.ZONE, "east"));
    GlobalProxyAdmin admin =
        admin(CompletableFuture.failedFuture(new ZoneNotConnectedException("east")));

    assertThatThrownBy(() -> admin.fetch(new ProxyAdminQuery(COPY, EnvoyAdminKind.STATS, false)))
        .isInstanceOfSatisfying(
            ProxyAdminException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ZONE_OFFLINE))
        .hasMessageContaining("not connected");
  }

  @Test
  void fetch_copyWithoutZoneLabel_unsupportedWithoutAskingAnyone() {
    storeCopy(Map.of());
    GlobalProxyAdmin admin = admin(CompletableFuture.completedFuture(payload("x")));

    assertThatThrownBy(() -> admin.fetch(new ProxyAdminQuery(COPY, EnvoyAdminKind.STATS, false)))
        .isInstanceOfSatisfying(
            ProxyAdminException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED));
    assertThat(zonesAsked).isEmpty();
  }

  @Test
  void fetch_noSuchDataplane_notFound() {
    GlobalProxyAdmin admin = admin(CompletableFuture.completedFuture(payload("x")));

    assertThatThrownBy(() -> admin.fetch(new ProxyAdminQuery(COPY, EnvoyAdminKind.STATS, false)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "PROXY_OFFLINE, PROXY_OFFLINE",
    "ADMIN_UNREACHABLE, ADMIN_UNREACHABLE",
    "ADMIN_TIMEOUT, ADMIN_TIMEOUT",
    "TOO_LARGE, TOO_LARGE",
    "BAD_REQUEST, UNSUPPORTED",
    "ERROR_CODE_UNSPECIFIED, ADMIN_UNREACHABLE"
  })
  void fetch_zoneRefusesWithCode_sameReasonAsTheZoneApi(ErrorCode code, Reason reason) {
    storeCopy(Map.of(WellKnownLabels.ZONE, "east"));
    GlobalProxyAdmin admin =
        admin(
            CompletableFuture.completedFuture(
                EnvoyAdminResponse.newBuilder().setError("why").setErrorCode(code).build()));

    assertThatThrownBy(() -> admin.fetch(new ProxyAdminQuery(COPY, EnvoyAdminKind.STATS, false)))
        .isInstanceOfSatisfying(
            ProxyAdminException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessage("zone east: why");
  }

  @Test
  void fetch_zoneSaysNotFound_notFoundNamingTheStaleCopy() {
    storeCopy(Map.of(WellKnownLabels.ZONE, "east"));
    GlobalProxyAdmin admin =
        admin(
            CompletableFuture.completedFuture(
                EnvoyAdminResponse.newBuilder()
                    .setError("no web-1")
                    .setErrorCode(ErrorCode.PROXY_NOT_FOUND)
                    .build()));

    assertThatThrownBy(() -> admin.fetch(new ProxyAdminQuery(COPY, EnvoyAdminKind.STATS, false)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("stale");
  }

  private GlobalProxyAdmin admin(CompletableFuture<EnvoyAdminResponse> answer) {
    return new GlobalProxyAdmin(
        store,
        (zone, request) -> {
          zonesAsked.add(zone);
          requests.add(request);
          return answer;
        },
        Duration.ofMillis(200));
  }

  private void storeCopy(Map<String, String> labels) {
    store.create(
        Resource.of(
            COPY,
            labels,
            JsonMapper.builder()
                .build()
                .readTree("{\"networking\":{\"address\":\"10.0.0.1\",\"inbound\":[]}}")));
  }

  private static EnvoyAdminResponse payload(String body) {
    return EnvoyAdminResponse.newBuilder().setPayload(ByteString.copyFromUtf8(body)).build();
  }
}
