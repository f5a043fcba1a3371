package io.meshforge.bench;

import io.meshforge.model.Resource;
import io.meshforge.zone.xds.context.MeshContext;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.context.ProxyMetadata;
import io.meshforge.zone.xds.generator.EnvoyResources;
import io.meshforge.zone.xds.generator.InboundSecurity;
import io.meshforge.zone.xds.generator.OutboundSecurity;
import io.meshforge.zone.xds.generator.SidecarGenerator;
import io.meshforge.zone.xds.sync.SnapshotVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code XdsGenerationBenchmark} (B1) measures the zone CP's xDS generation for one sidecar,
 * through the product's own entry points ({@link MeshContext#build}, {@link ProxyContext#of},
 * {@link SidecarGenerator#generate}, {@link SnapshotVersions#of}), for a proxy with {@code
 * services} reachable services (one outbound each; 2 instances per service) in a mesh with {@code
 * policies} policies. Run it with {@link XdsGenerationMain}.
 *
 * <ul>
 *   <li>{@code full}: everything from the mesh's resources: MeshContext + the proxy's generation +
 *       hashing. What a proxy costs when its mesh is computed for it alone.
 *   <li>{@code meshRebuild}: the MeshContext rebuild after one endpoint was added (a new Dataplane
 *       of a service the proxy reaches): done once per change of a mesh, shared by all its proxies.
 *   <li>{@code incremental}: the reconciler's per-proxy path after that rebuild: ProxyContext +
 *       generation + hashing of the proxy against the changed MeshContext (alternating between the
 *       two states, so every call sees a changed input and a changed hash, as after a real change).
 *       After its first calls the resources shared by a mesh's proxies are already built: this is
 *       the cost of each proxy but the first after a change.
 *   <li>{@code incrementalFirst}: the same for the first proxy on a fresh MeshContext, which also
 *       builds the shared per-destination resources. The per-proxy cost of a change in a mesh of
 *       {@code P} connected proxies is {@code incremental + (incrementalFirst - incremental +
 *       meshRebuild) / P}.
 * </ul>
 *
 * <p>Every connected proxy of a changed mesh is regenerated and hash-compared (ADR 0014); what
 * proxies of one mesh have in common is built once per MeshContext and shared. The reconciler
 * itself runs asynchronously behind a debounce and is not driven here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class XdsGenerationBenchmark {
  static final String MESH = "bench";
  static final String PROXY = "client";
  static final long SEED = 20261124L;

  /** Reachable services of the measured proxy (all services of the mesh). */
  @Param({"10", "100", "1000"})
  public int services;

  /** Policies in the mesh. */
  @Param({"0", "50", "500"})
  public int policies;

  private final SidecarGenerator generator =
      SidecarGenerator.standard(InboundSecurity.NONE, OutboundSecurity.NONE);
  private Fixture fixture;
  private MeshContext before;
  private MeshContext after;
  private boolean flip;

  @Setup(Level.Trial)
  public void setUp() {
    fixture = Fixture.of(services, policies);
    before = fixture.meshBefore();
    after = fixture.meshAfter();
    if (!after.sameExceptEndpoints(before) || !before.sameExceptEndpoints(after)) {
      throw new IllegalStateException("the fixture's change is meant to move endpoints only");
    }
    EnvoyResources beforeResources = generate(generator, before);
    EnvoyResources afterResources = generate(generator, after);
    generated[0] = beforeResources;
    generated[1] = afterResources;
    versions[0] = SnapshotVersions.of(beforeResources, before);
    versions[1] = SnapshotVersions.of(afterResources, after);
  }

  // The proxy's last whole generation on each side of the change, for incrementalEndpoints.
  private final EnvoyResources[] generated = new EnvoyResources[2];
  private final SnapshotVersions[] versions = new SnapshotVersions[2];

  @Benchmark
  public SnapshotVersions full() {
    MeshContext mesh = fixture.meshBefore();
    return SnapshotVersions.of(generate(generator, mesh), mesh);
  }

  @Benchmark
  public MeshContext meshRebuild() {
    return fixture.meshAfter();
  }

  @Benchmark
  public SnapshotVersions incremental() {
    flip = !flip;
    MeshContext mesh = flip ? after : before;
    return SnapshotVersions.of(generate(generator, mesh), mesh);
  }

  /**
   * What the reconciler does for a proxy whose own Dataplane did not change after a change that
   * moved endpoints only (this fixture's, ADR 0028): its ClusterLoadAssignments alone, merged into
   * its previous generation, and their version.
   */
  @Benchmark
  public SnapshotVersions incrementalEndpoints() {
    flip = !flip;
    MeshContext mesh = flip ? after : before;
    int previous = flip ? 0 : 1;
    ProxyContext proxy =
        ProxyContext.of(mesh, PROXY, ProxyMetadata.ENVOY)
            .orElseThrow(() -> new IllegalStateException("the fixture has no " + PROXY));
    EnvoyResources endpoints = generator.generateEndpoints(proxy);
    generated[previous].withEndpointsOf(endpoints);
    return versions[previous].withEndpoints(endpoints, mesh);
  }

  /**
   * The first proxy generated on a freshly built MeshContext (built outside the measured call): it
   * also builds the per-destination resources the mesh's other proxies then share ({@code
   * MeshContext#shared}), which {@link #incremental} finds already built after its first calls.
   */
  @Benchmark
  public SnapshotVersions incrementalFirst(FreshMesh fresh) {
    return SnapshotVersions.of(generate(generator, fresh.mesh), fresh.mesh);
  }

  /** A MeshContext nobody generated from yet, rebuilt (unmeasured) before every call. */
  @State(Scope.Thread)
  public static class FreshMesh {
    MeshContext mesh;
    private boolean flip;

    @Setup(Level.Invocation)
    public void rebuild(XdsGenerationBenchmark benchmark) {
      flip = !flip;
      mesh = flip ? benchmark.fixture.meshAfter() : benchmark.fixture.meshBefore();
    }
  }

  static EnvoyResources generate(SidecarGenerator generator, MeshContext mesh) {
    ProxyContext proxy =
        ProxyContext.of(mesh, PROXY, ProxyMetadata.ENVOY)
            .orElseThrow(() -> new IllegalStateException("the fixture has no " + PROXY));
    return generator.generate(proxy);
  }

  /**
   * The inputs: the mesh's Dataplanes (the proxy and 2 instances of every service) and policies,
   * and the same plus one more instance of {@code svc-0} (the change).
   */
  record Fixture(List<Resource> dataplanes, List<Resource> added, List<Resource> policies) {

    static Fixture of(int services, int policyCount) {
      MeshTopology topology = MeshTopology.of(MESH, services, SEED);
      List<Resource> dataplanes = new ArrayList<>(topology.serviceInstances(2));
      dataplanes.add(topology.dataplane(PROXY, MeshTopology.address(2, 0), 0, services));
      List<Resource> added = new ArrayList<>(dataplanes);
      added.add(topology.dataplane("svc-0-new", MeshTopology.address(3, 0), 0, 0));
      return new Fixture(
          List.copyOf(dataplanes), List.copyOf(added), topology.policies(policyCount, SEED));
    }

    MeshContext meshBefore() {
      return MeshContext.build(MESH, null, dataplanes, List.of(), policies);
    }

    MeshContext meshAfter() {
      return MeshContext.build(MESH, null, added, List.of(), policies);
    }
  }
}
