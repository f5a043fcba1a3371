package io.meshforge.zone.xds;

import io.meshforge.model.store.DebounceSettings;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import io.meshforge.rest.InstanceInfo;
import io.meshforge.store.postgres.PostgresChangeFeed;
import io.meshforge.zone.config.ForgeZoneProperties;
import io.meshforge.zone.xds.egress.EgressIdentities;
import io.meshforge.zone.xds.generator.InboundSecurity;
import io.meshforge.zone.xds.generator.OutboundSecurity;
import io.meshforge.zone.xds.generator.ResourceGenerator;
import io.meshforge.zone.xds.generator.SidecarGenerator;
import io.meshforge.zone.xds.insight.DataplaneInsightRecorder;
import io.meshforge.zone.xds.server.OpenAuthenticator;
import io.meshforge.zone.xds.server.RefusingAuthenticator;
import io.meshforge.zone.xds.server.XdsMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The zone's xDS server for its proxies ({@code xds.*}). The gRPC listener opens while the context
 * starts and holds streams without answering; snapshots are generated only once the application has
 * started, i.e. after the store's change feed has loaded the whole view (F13, ADR 0014).
 *
 * <p>Extension points: a {@link ProxyAuthenticator} bean (dataplane tokens) replaces the default
 * refusal; {@link InboundSecurity} and {@link OutboundSecurity} beans (mTLS, RBAC) are applied to
 * every inbound listener and outbound cluster; {@link ResourceGenerator} beans (SDS secrets) run
 * after the sidecar's own generators.
 */
@Configuration(proxyBeanMethods = false)
class XdsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(XdsConfiguration.class);

  @Bean
  XdsMetrics xdsMetrics(ObjectProvider<MeterRegistry> registry) {
    return new XdsMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
  }

  @Bean
  SidecarGenerator sidecarGenerator(
      ObjectProvider<InboundSecurity> inbound,
      ObjectProvider<OutboundSecurity> outbound,
      ObjectProvider<ResourceGenerator> extra) {
    SidecarGenerator generator =
        SidecarGenerator.standard(
            inbound.getIfAvailable(() -> InboundSecurity.NONE),
            outbound.getIfAvailable(() -> OutboundSecurity.NONE));
    for (ResourceGenerator more : extra.orderedStream().toList()) {
      generator = generator.with(more);
    }
    return generator;
  }

  @Bean(destroyMethod = "close")
  DataplaneInsightRecorder dataplaneInsightRecorder(
      ResourceStore store, InstanceInfo instance, ForgeZoneProperties config) {
    return new DataplaneInsightRecorder(
        store, instance.instanceId(), Clock.systemUTC(), config.xds().insights().flush());
  }

  @Bean(destroyMethod = "close")
  XdsComponents xdsComponents(
      ForgeZoneProperties config,
      ResourceView view,
      SidecarGenerator generator,
      ObjectProvider<ProxyAuthenticator> authenticators,
      XdsMetrics metrics,
      DataplaneInsightRecorder insights,
      io.meshforge.zone.config.ZoneName zone,
      ObjectProvider<io.meshforge.ca.RotatingLeafCertificates> certificates) {
    ForgeZoneProperties.Xds xds = config.xds();
    var settings =
        new XdsComponents.Settings(
            xds.grpc().address(),
            xds.grpc().port(),
            new DebounceSettings(xds.debounce().delay(), xds.debounce().limit()),
            zone.value());
    // The recorder observes streams so every proxy's DataplaneInsight records its connects and
    // disconnects; the Dataplane cleanup counts its grace from them (ADR 0017).
    // A zone egress presents certificates of the same CA-backed cache as sidecars (ADR 0022).
    var leafCertificates = certificates.getIfAvailable();
    EgressIdentities egressIdentities =
        leafCertificates == null ? EgressIdentities.NONE : leafCertificates::certificateFor;
    return XdsComponents.start(
        settings,
        view,
        generator,
        egressIdentities,
        authenticator(xds, authenticators),
        metrics,
        insights);
  }

  /** Starts generating snapshots once every bean, the store's change feed included, is ready. */
  @Bean
  SmartLifecycle xdsReconcilerStart(XdsComponents xds, ObjectProvider<PostgresChangeFeed> feed) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        // The feed bean is created only after it has loaded the whole store; asking for it here
        // makes that explicit, whatever the bean creation order.
        feed.ifAvailable(loaded -> {});
        xds.startReconciler();
        running = true;
      }

      @Override
      public void stop() {
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }
    };
  }

  private static ProxyAuthenticator authenticator(
      ForgeZoneProperties.Xds xds, ObjectProvider<ProxyAuthenticator> configured) {
    if (xds.auth().none()) {
      log.warn("xds.auth.type is none: every proxy stream is accepted without a credential");
      return new OpenAuthenticator();
    }
    ProxyAuthenticator authenticator = configured.getIfAvailable();
    if (authenticator == null) {
      log.warn("no proxy authenticator is installed: every proxy stream is refused");
      return new RefusingAuthenticator();
    }
    return authenticator;
  }
}
