package io.meshforge.global.zone;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceAlreadyExistsException;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ZoneRegistry} knows the Zone resources: it creates a zone's Zone ({@code enabled: true})
 * the first time the zone connects with a valid token, and tells whether a zone is enabled.
 */
public final class ZoneRegistry {

  private final ResourceStore store;
  private final ResourceView view;

  public ZoneRegistry(ResourceStore store, ResourceView view) {
    this.store = store;
    this.view = view;
  }

  /** Returns the key of a zone's Zone resource. */
  public static ResourceKey keyOf(String zone) {
    return new ResourceKey(ResourceTypes.ZONE, "", zone);
  }

  /** Creates the zone's Zone if it does not exist yet (another instance may win the race). */
  public void ensureExists(String zone) {
    ResourceKey key = keyOf(zone);
    if (view.get(key).isPresent() || store.get(key).isPresent()) {
      return;
    }
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    spec.put("enabled", true);
    try {
      store.create(Resource.of(key, Map.of(), spec));
    } catch (ResourceAlreadyExistsException e) {
      // Created concurrently by another stream or instance: fine.
    }
  }

  /** Returns {@code true} when the zone exists and is not disabled ({@code enabled: false}). */
  public boolean enabled(String zone) {
    return view.get(keyOf(zone)).map(r -> isEnabled(r.spec())).orElse(false);
  }

  /** Returns the stored Zone, if any. */
  public Optional<Resource> get(String zone) {
    return view.get(keyOf(zone));
  }

  /** Reads {@code enabled} of a Zone spec (absent means enabled). */
  public static boolean isEnabled(JsonNode spec) {
    JsonNode enabled = spec == null ? null : spec.get("enabled");
    return enabled == null || !enabled.isBoolean() || enabled.asBoolean();
  }
}
