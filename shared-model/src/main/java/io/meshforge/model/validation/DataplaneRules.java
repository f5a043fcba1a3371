package io.meshforge.model.validation;

import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.spec.DataplaneSpec;
import io.meshforge.model.spec.TargetRefKind;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code DataplaneRules} checks a Dataplane: addresses, an inbound (or a gateway) with a {@code
 * kuma.io/service} tag, a known {@code kuma.io/protocol}, unique inbound names, and outbounds that
 * name their destination exactly one way.
 */
final class DataplaneRules implements SpecRules<DataplaneSpec> {

  private static final Set<TargetRefKind> BACKEND_KINDS =
      Set.of(
          TargetRefKind.MeshService,
          TargetRefKind.MeshExternalService,
          TargetRefKind.MeshMultiZoneService);

  @Override
  public void check(DataplaneSpec spec, ViolationCollector at) {
    DataplaneSpec.Networking networking = spec.networking();
    if (networking == null) {
      return;
    }
    ViolationCollector netAt = at.field("networking");
    EndpointRules.checkAddress(networking.address(), netAt.field("address"));
    EndpointRules.checkAddress(networking.advertisedAddress(), netAt.field("advertisedAddress"));
    if (networking.gateway() != null) {
      if (!networking.inbound().isEmpty()) {
        netAt.field("inbound").add("must be empty for a gateway dataplane");
      }
      ViolationCollector tagsAt = netAt.field("gateway").field("tags");
      TagRules.check(networking.gateway().tags(), tagsAt);
      if (!networking.gateway().tags().containsKey(WellKnownLabels.SERVICE)) {
        tagsAt.add("must contain the tag " + WellKnownLabels.SERVICE);
      }
    } else if (networking.inbound().isEmpty()) {
      netAt.field("inbound").add("must have at least one inbound (or a gateway)");
    }
    Set<String> names = new HashSet<>();
    Elements.each(
        networking.inbound(),
        netAt.field("inbound"),
        (inbound, inboundAt) -> {
          checkInbound(inbound, inboundAt);
          if (inbound.name() != null && !names.add(inbound.name())) {
            inboundAt.field("name").add("duplicate inbound name \"" + inbound.name() + "\"");
          }
        });
    Elements.each(networking.outbound(), netAt.field("outbound"), DataplaneRules::checkOutbound);
  }

  private static void checkInbound(DataplaneSpec.Inbound inbound, ViolationCollector at) {
    ViolationCollector tagsAt = at.field("tags");
    TagRules.check(inbound.tags(), tagsAt);
    if (!inbound.tags().containsKey(WellKnownLabels.SERVICE)) {
      tagsAt.add("must contain the tag " + WellKnownLabels.SERVICE);
    }
    EndpointRules.checkAddress(inbound.address(), at.field("address"));
    EndpointRules.checkAddress(inbound.serviceAddress(), at.field("serviceAddress"));
    if (inbound.name() != null) {
      ResourceNames.validate(inbound.name(), at.field("name"));
    }
  }

  private static void checkOutbound(DataplaneSpec.Outbound outbound, ViolationCollector at) {
    EndpointRules.checkAddress(outbound.address(), at.field("address"));
    TagRules.check(outbound.tags(), at.field("tags"));
    boolean byTags = !outbound.tags().isEmpty();
    boolean byRef = outbound.backendRef() != null;
    if (byTags == byRef) {
      at.add("must have exactly one of tags (with " + WellKnownLabels.SERVICE + ") and backendRef");
    } else if (byTags && !outbound.tags().containsKey(WellKnownLabels.SERVICE)) {
      at.field("tags").add("must contain the tag " + WellKnownLabels.SERVICE);
    }
    DataplaneSpec.OutboundBackendRef ref = outbound.backendRef();
    if (ref != null && ref.kind() != null) {
      if (!BACKEND_KINDS.contains(ref.kind())) {
        at.field("backendRef")
            .field("kind")
            .add("must be one of: MeshService, MeshExternalService, MeshMultiZoneService");
      }
      if (ref.name() == null && ref.labels().isEmpty()) {
        at.field("backendRef").field("name").add("is required (or select by labels)");
      }
      LabelRules.validate(ref.labels(), at.field("backendRef").field("labels"));
    }
  }
}
