package io.meshforge.zone.xds.insight;

import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceNotFoundException;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.StoreException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ProxyInsights} pairs a proxy's registration (a {@code Dataplane}, {@code ZoneIngress} or
 * {@code ZoneEgress}) with its insight, and removes the insight with it: whoever deletes a
 * registration (the REST API, the Dataplane cleanup) calls {@link #removeFor}, so no insight
 * outlives its proxy and a proxy registered again under the name starts a fresh one.
 */
public final class ProxyInsights {

  private static final Logger LOG = LoggerFactory.getLogger(ProxyInsights.class);

  private static final Map<ResourceType, ResourceType> INSIGHT_OF =
      Map.of(
          ResourceTypes.DATAPLANE, ResourceTypes.DATAPLANE_INSIGHT,
          ResourceTypes.ZONE_INGRESS, ResourceTypes.ZONE_INGRESS_INSIGHT,
          ResourceTypes.ZONE_EGRESS, ResourceTypes.ZONE_EGRESS_INSIGHT);

  private ProxyInsights() {}

  /**
   * Returns the key of the insight of a proxy registration.
   *
   * @param registration the key of a Dataplane, ZoneIngress or ZoneEgress
   * @return its insight's key (same mesh and name), or empty for any other type
   */
  public static Optional<ResourceKey> of(ResourceKey registration) {
    ResourceType insight = INSIGHT_OF.get(registration.type());
    return insight == null
        ? Optional.empty()
        : Optional.of(new ResourceKey(insight, registration.mesh(), registration.name()));
  }

  /**
   * Deletes the insight of a proxy registration that was just deleted. A store failure is logged,
   * not thrown: the registration is gone already, and an insight is status only.
   *
   * @param store the zone's store
   * @param registration the key of the deleted Dataplane, ZoneIngress or ZoneEgress (any other
   *     type: nothing happens)
   * @return {@code true} when an insight was deleted
   */
  public static boolean removeFor(ResourceStore store, ResourceKey registration) {
    Optional<ResourceKey> insight = of(registration);
    if (insight.isEmpty()) {
      return false;
    }
    try {
      store.delete(insight.get());
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    } catch (StoreException e) {
      LOG.warn("Could not delete {} of a deleted proxy: {}", insight.get(), e.getMessage());
      return false;
    }
  }
}
