package io.meshforge.zone.token;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.meshforge.kds.auth.InvalidTokenException;
import io.meshforge.kds.transport.KdsHeaders;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.StoreException;
import io.meshforge.zone.xds.ProxyAuthenticator;
import io.meshforge.zone.xds.ProxyId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DataplaneTokenAuthenticator} lets an xDS stream in when its {@code authorization: Bearer
 * <token>} header holds a dataplane token that verifies ({@link DataplaneTokenVerifier}:
 * UNAUTHENTICATED otherwise) and is bound to the Dataplane its node id names, which must be
 * registered ({@link DataplaneBinding}: PERMISSION_DENIED otherwise). The token of every stream let
 * in is remembered in {@link OpenProxyTokens}, which tells the xDS server when it stops being valid
 * ({@link RevokedTokens}).
 *
 * <p>The Dataplane is read from the store, not the change-fed view: a proxy connects right after
 * its bootstrap registered it, before the view may have caught up.
 */
public final class DataplaneTokenAuthenticator implements ProxyAuthenticator {

  private static final Logger log = LoggerFactory.getLogger(DataplaneTokenAuthenticator.class);

  private final DataplaneTokenVerifier verifier;
  private final ResourceStore store;
  private final OpenProxyTokens open;

  /**
   * @param verifier verifies tokens
   * @param store where registered Dataplanes are read
   * @param open remembers the tokens of admitted proxies
   */
  public DataplaneTokenAuthenticator(
      DataplaneTokenVerifier verifier, ResourceStore store, OpenProxyTokens open) {
    this.verifier = verifier;
    this.store = store;
    this.open = open;
  }

  @Override
  public void authenticate(Metadata headers, ProxyId proxy) throws StatusException {
    String token =
        KdsHeaders.bearerToken(headers)
            .orElseThrow(
                () -> refuse(Status.UNAUTHENTICATED, proxy, "a dataplane token is required"));
    DataplaneTokenClaims claims;
    try {
      claims = verifier.verify(token);
    } catch (InvalidTokenException e) {
      throw refuse(Status.UNAUTHENTICATED, proxy, e.getMessage());
    }
    if (proxy.mesh().isEmpty()) {
      admitZoneIngress(proxy, claims);
      open.remember(proxy, claims.jti(), token);
      return;
    }
    Resource dataplane;
    try {
      dataplane =
          store
              .get(new ResourceKey(ResourceTypes.DATAPLANE, proxy.mesh(), proxy.name()))
              .orElseThrow(() ->
                  refuse(
                      Status.PERMISSION_DENIED,
                      proxy,
                      "Dataplane " + proxy + " is not registered (run forge-dp to bootstrap)"));
    } catch (StoreException e) {
      throw refuse(Status.UNAVAILABLE, proxy, "the zone store is unavailable: " + e.getMessage());
    }
    try {
      DataplaneBinding.check(claims, dataplane);
    } catch (TokenMismatchException e) {
      throw refuse(Status.PERMISSION_DENIED, proxy, e.getMessage());
    }
    open.remember(proxy, claims.jti(), token);
  }

  /**
   * A proxy without a mesh is a zone ingress or, with an egress token, a zone egress (ADR 0022):
   * its ZoneIngress (ZoneEgress) must exist, the token fit it.
   */
  private void admitZoneIngress(ProxyId proxy, DataplaneTokenClaims claims) throws StatusException {
    boolean egress = DataplaneTokenClaims.EGRESS.equals(claims.proxyType());
    var type = egress ? ResourceTypes.ZONE_EGRESS : ResourceTypes.ZONE_INGRESS;
    try {
      DataplaneBinding.checkZoneProxy(
          claims,
          egress ? DataplaneTokenClaims.EGRESS : DataplaneTokenClaims.INGRESS,
          proxy.name());
      if (store.get(ResourceKey.global(type, proxy.name())).isEmpty()) {
        throw refuse(
            Status.PERMISSION_DENIED,
            proxy,
            type.name() + " " + proxy.name() + " is not registered (run forge-dp to bootstrap)");
      }
    } catch (TokenMismatchException e) {
      throw refuse(Status.PERMISSION_DENIED, proxy, e.getMessage());
    } catch (StoreException e) {
      throw refuse(Status.UNAVAILABLE, proxy, "the zone store is unavailable: " + e.getMessage());
    }
  }

  private static StatusException refuse(Status status, ProxyId proxy, String reason) {
    log.info("xDS stream of {} refused: {}", proxy, reason);
    return status.withDescription(reason).asException();
  }
}
