package io.meshforge.global.kds;

import io.meshforge.global.token.ZoneTokenSecrets;
import io.meshforge.model.KdsFlag;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code ZoneResourceFilter} decides which of global's resources a zone receives (Kuma's
 * global-provided filter, reference §1.8):
 *
 * <ul>
 *   <li>label {@code kuma.io/kds-sync: disabled} keeps a resource on global;
 *   <li>global-origin resources (no origin label, or {@code global}) of types global sends down;
 *   <li>zone-origin resources only of types synced across zones, never back to their own zone, and
 *       not while their zone is disabled ({@code Zone.enabled: false}) or unknown; policies among
 *       them only when labelled {@code kuma.io/policy-role: producer};
 *   <li>GlobalSecrets global keeps for itself (token signing keys and revocations, admin and CA
 *       material) never leave.
 * </ul>
 */
public final class ZoneResourceFilter {

  /** The label that overrides a type's KDS default for one resource. */
  public static final String KDS_SYNC_LABEL = "kuma.io/kds-sync";

  /** Zone-origin policies reach other zones only with this label set to {@code producer}. */
  public static final String POLICY_ROLE_LABEL = "kuma.io/policy-role";

  private static final String PRODUCER = "producer";

  private static final List<String> PRIVATE_GLOBAL_SECRETS =
      List.of(
          ZoneTokenSecrets.SIGNING_KEY_PREFIX,
          ZoneTokenSecrets.REVOCATIONS,
          "dataplane-token-",
          "admin-",
          "user-token-",
          "inter-cp-ca",
          "envoy-admin-ca");

  private final Predicate<String> zoneEnabled;

  /**
   * @param zoneEnabled tells whether a zone exists and is enabled
   */
  public ZoneResourceFilter(Predicate<String> zoneEnabled) {
    this.zoneEnabled = zoneEnabled;
  }

  /** Returns {@code true} when {@code zone} should receive {@code resource}. */
  public boolean sendTo(String zone, Resource resource) {
    if ("disabled".equals(resource.labels().get(KDS_SYNC_LABEL))) {
      return false;
    }
    if (resource.type() == ResourceTypes.GLOBAL_SECRET && isPrivate(resource.name())) {
      return false;
    }
    String origin = resource.labels().get(WellKnownLabels.ORIGIN);
    if (origin == null || WellKnownLabels.ORIGIN_GLOBAL.equals(origin)) {
      return resource.type().kds().contains(KdsFlag.GLOBAL_TO_ZONES);
    }
    if (!WellKnownLabels.ORIGIN_ZONE.equals(origin)
        || !resource.type().kds().contains(KdsFlag.SYNCED_ACROSS_ZONES)) {
      return false;
    }
    if (resource.type().policy() && !PRODUCER.equals(resource.labels().get(POLICY_ROLE_LABEL))) {
      return false;
    }
    String from = resource.labels().get(WellKnownLabels.ZONE);
    return from != null && !from.equals(zone) && zoneEnabled.test(from);
  }

  private static boolean isPrivate(String name) {
    return PRIVATE_GLOBAL_SECRETS.stream().anyMatch(name::startsWith);
  }
}
