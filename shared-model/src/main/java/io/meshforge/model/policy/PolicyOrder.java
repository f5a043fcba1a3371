package io.meshforge.model.policy;

import io.meshforge.model.Resource;
import io.meshforge.model.WellKnownLabels;
import java.util.Comparator;

/**
 * {@code PolicyOrder} sorts policies of one type from lowest to highest priority, the order in
 * which their {@code default} blocks are merged (so the last one wins):
 *
 * <ol>
 *   <li>the kind of the top-level targetRef: {@code Mesh} &lt; {@code Dataplane} &lt; {@code
 *       MeshService} &lt; {@code MeshExternalService} &lt; {@code MeshMultiZoneService} &lt; {@code
 *       MeshHTTPRoute};
 *   <li>within a kind, selecting by labels &lt; by name, then without &lt; with {@code
 *       sectionName};
 *   <li>the {@code kuma.io/origin} label: {@code global} &lt; absent or unknown &lt; {@code zone};
 *   <li>the display name ({@code kuma.io/display-name}, else the name) in inverted lexicographic
 *       order: the alphabetically smallest is merged last and wins;
 *   <li>the stored name, the same way, so that the order is total and never depends on the input
 *       order.
 * </ol>
 */
final class PolicyOrder {

  /** Lowest priority first. */
  static final Comparator<Resource> LOW_TO_HIGH =
      Comparator.comparingInt(PolicyOrder::kindRank)
          .thenComparingInt(PolicyOrder::selectorRank)
          .thenComparingInt(PolicyOrder::originRank)
          .thenComparing(PolicyOrder::displayName, Comparator.reverseOrder())
          .thenComparing(Resource::name, Comparator.reverseOrder());

  private PolicyOrder() {}

  private static ParsedTargetRef topLevel(Resource policy) {
    return ParsedTargetRef.of(policy.spec().get("targetRef"));
  }

  private static int kindRank(Resource policy) {
    return topLevel(policy).kind().map(Enum::ordinal).orElse(-1);
  }

  private static int selectorRank(Resource policy) {
    ParsedTargetRef ref = topLevel(policy);
    return (ref.name().isEmpty() ? 0 : 2) + (ref.hasSection() ? 1 : 0);
  }

  private static int originRank(Resource policy) {
    String origin = policy.labels().get(WellKnownLabels.ORIGIN);
    if (WellKnownLabels.ORIGIN_GLOBAL.equals(origin)) {
      return 0;
    }
    return WellKnownLabels.ORIGIN_ZONE.equals(origin) ? 2 : 1;
  }

  private static String displayName(Resource policy) {
    return policy.labels().getOrDefault(WellKnownLabels.DISPLAY_NAME, policy.name());
  }
}
