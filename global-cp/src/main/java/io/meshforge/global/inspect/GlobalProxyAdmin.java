package io.meshforge.global.inspect;

import io.meshforge.kds.v1.EnvoyAdminRequest;
import io.meshforge.kds.v1.EnvoyAdminResponse;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.store.ResourceNotFoundException;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.rest.inspect.EnvoyAdminKind;
import io.meshforge.rest.inspect.ProxyAdmin;
import io.meshforge.rest.inspect.ProxyAdminException;
import io.meshforge.rest.inspect.ProxyAdminException.Reason;
import io.meshforge.rest.inspect.ProxyAdminQuery;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GlobalProxyAdmin} answers global's inspect endpoints by asking the zone that owns the
 * proxy: the synced copy's {@code kuma.io/zone} names the zone, its {@code kuma.io/display-name}
 * the zone-local name; the request goes down that zone's KDS Envoy admin stream and global waits at
 * most {@code inspect.timeout}. The zone's typed refusals come back as the same {@link
 * ProxyAdminException} reasons a zone's own API uses, so both answer with the same statuses.
 *
 * <p>A zone connected to another global instance is reported offline here: requests are not
 * forwarded between global instances (ADR 0021).
 */
public final class GlobalProxyAdmin implements ProxyAdmin {

  /** Sends a request to a zone; the future completes with its answer or fails. */
  @FunctionalInterface
  public interface ZoneChannel {
    /**
     * Sends the request.
     *
     * @param zone the zone to ask
     * @param request the request (its id is set by the channel)
     * @return the zone's answer
     */
    CompletableFuture<EnvoyAdminResponse> ask(String zone, EnvoyAdminRequest request);
  }

  private final ResourceStore store;
  private final ZoneChannel zones;
  private final Duration timeout;

  /**
   * Creates the reader.
   *
   * @param store global's store, holding the zones' synced proxies
   * @param zones the KDS Envoy admin channels of the connected zones
   * @param timeout how long to wait for a zone's answer
   */
  public GlobalProxyAdmin(ResourceStore store, ZoneChannel zones, Duration timeout) {
    this.store = store;
    this.zones = zones;
    this.timeout = timeout;
  }

  @Override
  public byte[] fetch(ProxyAdminQuery query) {
    return askOwningZone(
        query.proxy(),
        EnvoyAdminRequest.newBuilder()
            .setKind(kind(query.kind()))
            .setIncludeEds(query.includeEds()));
  }

  /**
   * Returns the failover drill data of a Dataplane (JSON, the zone's {@code /traffic} answer),
   * asked of its zone with request kind {@code TRAFFIC} (ADR 0026).
   *
   * @param dataplane the Dataplane's key on global
   * @throws ResourceNotFoundException when global or the zone has no such Dataplane
   * @throws ProxyAdminException when the zone cannot answer, with the reason
   */
  public byte[] traffic(ResourceKey dataplane) {
    return askOwningZone(
        dataplane, EnvoyAdminRequest.newBuilder().setKind(EnvoyAdminRequest.Kind.TRAFFIC));
  }

  /** Sends {@code request}, completed with the proxy's identity, to the zone that owns it. */
  private byte[] askOwningZone(ResourceKey key, EnvoyAdminRequest.Builder request) {
    String proxy = key.type().name() + " " + key.name() + describeMesh(key);
    Resource copy =
        store.get(key).orElseThrow(() -> new ResourceNotFoundException(proxy + " does not exist"));
    String zone = copy.labels().get(WellKnownLabels.ZONE);
    if (zone == null || zone.isBlank()) {
      throw new ProxyAdminException(
          Reason.UNSUPPORTED,
          proxy + " has no " + WellKnownLabels.ZONE + " label: no zone serves it");
    }
    String localName = copy.labels().getOrDefault(WellKnownLabels.DISPLAY_NAME, key.name());
    request
        .setResourceType(key.type().name())
        .setResourceMesh(key.mesh())
        .setResourceName(localName);
    return payload(proxy, zone, ask(proxy, zone, request.build()));
  }

  private EnvoyAdminResponse ask(String proxy, String zone, EnvoyAdminRequest request) {
    CompletableFuture<EnvoyAdminResponse> answer = zones.ask(zone, request);
    try {
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(false); // forgets the pending request; a late answer is ignored
      throw new ProxyAdminException(
          Reason.ZONE_TIMEOUT,
          "zone " + zone + " did not answer for " + proxy + " within " + timeout);
    } catch (InterruptedException e) {
      answer.cancel(false);
      Thread.currentThread().interrupt();
      throw new ProxyAdminException(Reason.ZONE_TIMEOUT, "interrupted while asking zone " + zone);
    } catch (ExecutionException e) {
      throw new ProxyAdminException(
          Reason.ZONE_OFFLINE,
          "cannot ask zone " + zone + " about " + proxy + ": " + e.getCause().getMessage());
    }
  }

  private static byte[] payload(String proxy, String zone, EnvoyAdminResponse answer) {
    if (answer.getResultCase() == EnvoyAdminResponse.ResultCase.PAYLOAD) {
      return answer.getPayload().toByteArray();
    }
    String message = "zone " + zone + ": " + answer.getError();
    throw switch (answer.getErrorCode()) {
      case PROXY_NOT_FOUND ->
          new ResourceNotFoundException(message + " (global's copy of " + proxy + " is stale)");
      case PROXY_OFFLINE -> new ProxyAdminException(Reason.PROXY_OFFLINE, message);
      case ADMIN_TIMEOUT -> new ProxyAdminException(Reason.ADMIN_TIMEOUT, message);
      case TOO_LARGE -> new ProxyAdminException(Reason.TOO_LARGE, message);
      case BAD_REQUEST -> new ProxyAdminException(Reason.UNSUPPORTED, message);
      case ADMIN_UNREACHABLE, ERROR_CODE_UNSPECIFIED, UNRECOGNIZED ->
          new ProxyAdminException(Reason.ADMIN_UNREACHABLE, message);
    };
  }

  private static EnvoyAdminRequest.Kind kind(EnvoyAdminKind kind) {
    return switch (kind) {
      case CONFIG_DUMP -> EnvoyAdminRequest.Kind.CONFIG_DUMP;
      case STATS -> EnvoyAdminRequest.Kind.STATS;
      case CLUSTERS -> EnvoyAdminRequest.Kind.CLUSTERS;
    };
  }

  private static String describeMesh(ResourceKey key) {
    return key.mesh().isEmpty() ? "" : " in mesh " + key.mesh();
  }
}
