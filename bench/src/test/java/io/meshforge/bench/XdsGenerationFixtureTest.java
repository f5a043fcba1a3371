package io.meshforge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.zone.xds.generator.EnvoyResources;
import io.meshforge.zone.xds.generator.InboundSecurity;
import io.meshforge.zone.xds.generator.OutboundSecurity;
import io.meshforge.zone.xds.generator.SidecarGenerator;
import io.meshforge.zone.xds.sync.SnapshotVersions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** B1 measures what it says: a proxy reaching every service, and a change that reaches it. */
class XdsGenerationFixtureTest {
  private final SidecarGenerator generator =
      SidecarGenerator.standard(InboundSecurity.NONE, OutboundSecurity.NONE);

  @ParameterizedTest
  @ValueSource(ints = {10, 100})
  void generate_proxyOfTheFixture_getsOneClusterPerServicePlusItsInbound(int services) {
    var fixture = XdsGenerationBenchmark.Fixture.of(services, 50);

    EnvoyResources resources = XdsGenerationBenchmark.generate(generator, fixture.meshBefore());

    assertThat(resources.clusters()).hasSize(services + 1);
    assertThat(resources.endpoints()).hasSize(services);
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 100})
  void generate_afterTheChange_changesOnlyTheEndpointsOfTheProxy(int services) {
    var fixture = XdsGenerationBenchmark.Fixture.of(services, 0);

    SnapshotVersions before =
        SnapshotVersions.of(XdsGenerationBenchmark.generate(generator, fixture.meshBefore()));
    SnapshotVersions after =
        SnapshotVersions.of(XdsGenerationBenchmark.generate(generator, fixture.meshAfter()));

    assertThat(after.byType().get("endpoints")).isNotEqualTo(before.byType().get("endpoints"));
    assertThat(after.byType().get("clusters")).isEqualTo(before.byType().get("clusters"));
    assertThat(after.byType().get("listeners")).isEqualTo(before.byType().get("listeners"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 50})
  void incrementalEndpoints_afterTheChange_givesTheVersionsOfAWholeGeneration(int policies) {
    var benchmark = new XdsGenerationBenchmark();
    benchmark.services = 100;
    benchmark.policies = policies;
    benchmark.setUp();
    var fixture = XdsGenerationBenchmark.Fixture.of(100, policies);
    var after = fixture.meshAfter();
    var before = fixture.meshBefore();

    // The benchmark alternates: its first call moves to "after", its second back to "before".
    assertThat(benchmark.incrementalEndpoints())
        .isEqualTo(SnapshotVersions.of(XdsGenerationBenchmark.generate(generator, after), after));
    assertThat(benchmark.incrementalEndpoints())
        .isEqualTo(SnapshotVersions.of(XdsGenerationBenchmark.generate(generator, before), before));
  }
}
