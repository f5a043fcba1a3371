package io.meshforge.zone.xds.context;

import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.spec.DataplaneSpec;
import io.meshforge.model.spec.MeshServiceSpec;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Dataplanes of a mesh by the {@code kuma.io/service} tags of their inbounds, so a MeshService
 * selecting on that tag (every generated one does) looks at its own instances rather than at every
 * Dataplane of the mesh: building a mesh context is then linear in its Dataplanes instead of
 * services × Dataplanes, which at a thousand of each was most of a change's serial work.
 */
final class DataplanesByService {

  private final Map<String, DataplaneSpec> all;
  private final Map<String, Map<String, DataplaneSpec>> byService = new HashMap<>();

  /**
   * @param all every Dataplane spec of the mesh, by name in name order
   */
  DataplanesByService(Map<String, DataplaneSpec> all) {
    this.all = all;
    all.forEach((name, spec) -> {
      for (DataplaneSpec.Inbound in : LocalDestinations.inbounds(spec)) {
        String service = in.tags() == null ? null : in.tags().get(WellKnownLabels.SERVICE);
        if (service != null) {
          byService.computeIfAbsent(service, s -> new TreeMap<>()).put(name, spec);
        }
      }
    });
  }

  /**
   * Returns, in name order, the Dataplanes the selector can select: those with an inbound of the
   * service it names, or every one when it names none. A subset filtered as before, so the
   * endpoints found and their order are the same as when filtering every Dataplane.
   */
  Map<String, DataplaneSpec> candidates(MeshServiceSpec.Selector selector) {
    if (selector != null && selector.dataplaneRef() == null && selector.dataplaneTags() != null) {
      String service = selector.dataplaneTags().get(WellKnownLabels.SERVICE);
      if (service != null) {
        return Collections.unmodifiableMap(byService.getOrDefault(service, Map.of()));
      }
    }
    return all;
  }
}
