package io.meshforge.zone.xds.context;

import io.meshforge.model.Resource;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.spec.MeshMultiZoneServiceSpec;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which MeshServices a MeshMultiZoneService selects (ADR 0022): those whose labels, plus their
 * display name as {@code kuma.io/display-name} (a local MeshService has no such label), hold every
 * {@code selector.meshService.matchLabels} entry; an empty selector selects none. Shared by the
 * sidecar's endpoints and the status the zone computes, so both agree. Pure.
 */
public final class MultiZoneServiceSelector {

  private MultiZoneServiceSelector() {}

  /** Returns the MeshServices {@code spec} selects, ordered by name. */
  public static List<Resource> matched(
      MeshMultiZoneServiceSpec spec, Collection<Resource> meshServices) {
    Map<String, String> wanted =
        spec.selector() == null
                || spec.selector().meshService() == null
                || spec.selector().meshService().matchLabels() == null
            ? Map.of()
            : spec.selector().meshService().matchLabels();
    if (wanted.isEmpty()) {
      return List.of();
    }
    return meshServices.stream()
        .filter(ms -> labelsOf(ms).entrySet().containsAll(wanted.entrySet()))
        .sorted(Comparator.comparing(Resource::name))
        .toList();
  }

  /** Returns the name a resource was given: its {@code kuma.io/display-name}, else its name. */
  public static String displayName(Resource resource) {
    return resource.labels().getOrDefault(WellKnownLabels.DISPLAY_NAME, resource.name());
  }

  private static Map<String, String> labelsOf(Resource meshService) {
    Map<String, String> labels = new HashMap<>(meshService.labels());
    labels.putIfAbsent(WellKnownLabels.DISPLAY_NAME, meshService.name());
    return labels;
  }
}
