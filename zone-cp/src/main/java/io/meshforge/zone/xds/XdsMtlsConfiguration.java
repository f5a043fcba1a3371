package io.meshforge.zone.xds;

import io.meshforge.ca.RotatingLeafCertificates;
import io.meshforge.zone.xds.generator.InboundSecurity;
import io.meshforge.zone.xds.generator.OutboundSecurity;
import io.meshforge.zone.xds.insight.DataplaneInsightRecorder;
import io.meshforge.zone.xds.tls.MtlsInboundSecurity;
import io.meshforge.zone.xds.tls.MtlsOutboundSecurity;
import io.meshforge.zone.xds.tls.SdsSecretGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Fills the xDS security seams with builtin mTLS (ADR 0016): TLS sockets and RBAC on the listeners
 * and clusters of proxies whose mesh enables a builtin backend, and their SDS secrets. Proxies of
 * other meshes stay plaintext without RBAC.
 */
@Configuration(proxyBeanMethods = false)
class XdsMtlsConfiguration {

  @Bean
  InboundSecurity mtlsInboundSecurity() {
    return new MtlsInboundSecurity();
  }

  @Bean
  OutboundSecurity mtlsOutboundSecurity() {
    return new MtlsOutboundSecurity();
  }

  @Bean
  SdsSecretGenerator sdsSecretGenerator(
      RotatingLeafCertificates certificates, DataplaneInsightRecorder insights) {
    // Every certificate handed out lands in its proxy's DataplaneInsight mTLS.
    return new SdsSecretGenerator(certificates, insights);
  }
}
