package io.meshforge.zone.xds.context;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceType;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.policy.MatchedPolicies;
import io.meshforge.model.policy.PeerRules;
import io.meshforge.model.policy.PolicyMatcher;
import io.meshforge.model.policy.ProxyIdentity;
import io.meshforge.model.policy.ProxyInbound;
import io.meshforge.model.policy.SectionEntry;
import io.meshforge.model.spec.DataplaneSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code ProxyContext} is the input of one proxy's generation: its Dataplane, what it said about
 * itself on its stream, and the shared {@link MeshContext} of its mesh. Generators are pure
 * functions of it. Immutable.
 */
public final class ProxyContext {

  /** The Envoy admin port when the Dataplane names none (Kuma's default). */
  public static final int DEFAULT_ADMIN_PORT = 9901;

  private final Resource dataplane;
  private final DataplaneSpec spec;
  private final MeshContext mesh;
  private final ProxyMetadata metadata;
  private final List<InboundPort> inbounds;
  private final List<OutboundPort> outbounds;
  private final ProxyIdentity identity;

  /**
   * The policies of each type matched for this proxy, computed on first use and shared by the
   * generators of one generation (several read the same type). Memoization only: the value is a
   * pure function of the immutable inputs, so concurrent first uses compute equal results.
   */
  private final Map<ResourceType, MatchedPolicies> matched = new ConcurrentHashMap<>();

  /** The mesh-wide instance of each type's {@code to[]} rules, looked up once per generation. */
  private final Map<ResourceType, PeerRules> outboundRules = new ConcurrentHashMap<>();

  private ProxyContext(
      Resource dataplane, DataplaneSpec spec, MeshContext mesh, ProxyMetadata metadata) {
    this.dataplane = dataplane;
    this.spec = spec;
    this.mesh = mesh;
    this.metadata = metadata;
    this.inbounds = resolveInbounds(spec);
    this.outbounds = resolveOutbounds(spec, mesh);
    this.identity = ProxyIdentity.fromDataplane(dataplane);
  }

  /**
   * Returns the context of a mesh's Dataplane, if the mesh context holds it with a usable spec.
   *
   * @param mesh the shared context of the proxy's mesh
   * @param name the Dataplane's name
   * @param metadata what the proxy asked for on its stream
   */
  public static Optional<ProxyContext> of(MeshContext mesh, String name, ProxyMetadata metadata) {
    Objects.requireNonNull(metadata, "metadata");
    return mesh.dataplane(name)
        .flatMap(
            dp -> mesh.dataplaneSpec(name).map(spec -> new ProxyContext(dp, spec, mesh, metadata)));
  }

  /** Returns the proxy's Dataplane resource. */
  public Resource dataplane() {
    return dataplane;
  }

  /** Returns the proxy's Dataplane spec. */
  public DataplaneSpec spec() {
    return spec;
  }

  /** Returns the shared context of the proxy's mesh. */
  public MeshContext mesh() {
    return mesh;
  }

  /** Returns what the proxy asked for on its stream. */
  public ProxyMetadata metadata() {
    return metadata;
  }

  /** Returns the proxy's inbounds that take part in the mesh, in the Dataplane's order. */
  public List<InboundPort> inbounds() {
    return inbounds;
  }

  /** Returns the proxy's outbounds whose destination is known, in the Dataplane's order. */
  public List<OutboundPort> outbounds() {
    return outbounds;
  }

  /** Returns the proxy as the policy matcher sees it: mesh, name, labels and inbounds. */
  public ProxyIdentity identity() {
    return identity;
  }

  /**
   * Returns what the mesh's policies of one type configure on this proxy (shadow policies left
   * out), matched once per generation.
   *
   * @param type a policy type, e.g. {@code ResourceTypes.MESH_TIMEOUT}
   */
  public MatchedPolicies policies(ResourceType type) {
    return matched.computeIfAbsent(
        type, t -> PolicyMatcher.match(identity, t, mesh.policies(t), false));
  }

  /**
   * Returns the {@code to[]} rules of one policy type matched for this proxy, as the one instance
   * shared by every proxy of the mesh whose matched rules are equal (most proxies of a mesh match
   * the same policies). Per-destination work derived from the rules, such as the bound conf of each
   * destination, can then be memoised in the mesh context by the <em>identity</em> of the rules
   * instead of once per proxy.
   *
   * @param type a policy type, e.g. {@code ResourceTypes.MESH_TIMEOUT}
   */
  public PeerRules outboundRules(ResourceType type) {
    return outboundRules.computeIfAbsent(
        type,
        t -> {
          PeerRules rules = policies(t).to();
          // Entries compare by content (policy key, targetRef, default block): equal entries in
          // equal order are equal rules. Hashed once per proxy and type, not per destination.
          return mesh.shared(new SharedOutboundRules(t, rules.entries()), () -> rules);
        });
  }

  /** The memo key of a mesh-wide {@code to[]} rules instance. */
  private record SharedOutboundRules(ResourceType type, List<SectionEntry> entries) {}

  /**
   * Returns the policy matcher's view of one of the proxy's inbounds (same port, and same name when
   * it has one).
   */
  public Optional<ProxyInbound> policyInbound(InboundPort inbound) {
    return identity.inbounds().stream()
        .filter(in -> in.port() == inbound.port() && in.name().equals(inbound.name()))
        .findFirst();
  }

  /** Returns the port of the proxy's Envoy admin interface. */
  public int adminPort() {
    DataplaneSpec.Admin admin = spec.networking().admin();
    return admin == null || admin.port() == null ? DEFAULT_ADMIN_PORT : admin.port();
  }

  private static List<InboundPort> resolveInbounds(DataplaneSpec spec) {
    List<InboundPort> result = new ArrayList<>();
    for (DataplaneSpec.Inbound in : LocalDestinations.inbounds(spec)) {
      var tags = in.tags() == null ? java.util.Map.<String, String>of() : in.tags();
      result.add(
          new InboundPort(
              in.name() == null ? "" : in.name(),
              blankOr(in.address(), spec.networking().address()),
              in.port(),
              blankOr(in.serviceAddress(), "127.0.0.1"),
              in.servicePort() == null ? in.port() : in.servicePort(),
              tags,
              Protocol.of(tags.get(WellKnownLabels.PROTOCOL))));
    }
    return List.copyOf(result);
  }

  private static List<OutboundPort> resolveOutbounds(DataplaneSpec spec, MeshContext mesh) {
    List<OutboundPort> result = new ArrayList<>();
    if (spec.networking().outbound() == null) {
      return result;
    }
    for (DataplaneSpec.Outbound out : spec.networking().outbound()) {
      String address = blankOr(out.address(), "127.0.0.1");
      destination(out, mesh)
          .ifPresent(destination -> result.add(new OutboundPort(address, out.port(), destination)));
    }
    return List.copyOf(result);
  }

  private static Optional<Destination> destination(DataplaneSpec.Outbound out, MeshContext mesh) {
    DataplaneSpec.OutboundBackendRef ref = out.backendRef();
    if (ref != null) {
      if (ref.name() == null) {
        return Optional.empty();
      }
      return switch (ref.kind()) {
        case MeshService -> mesh.meshService(ref.name(), ref.port());
        case MeshExternalService ->
            Optional.ofNullable(mesh.externalServices().get(ref.name()))
                .map(ExternalService::destination);
        case MeshMultiZoneService -> mesh.multiZoneService(ref.name(), ref.port());
        default -> Optional.empty();
      };
    }
    String service = out.tags() == null ? null : out.tags().get(WellKnownLabels.SERVICE);
    return service == null ? Optional.empty() : Optional.of(mesh.service(service));
  }

  private static String blankOr(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
