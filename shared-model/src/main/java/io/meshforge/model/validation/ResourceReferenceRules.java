package io.meshforge.model.validation;

import io.meshforge.model.spec.DataSource;
import io.meshforge.model.spec.MeshExternalServiceSpec;
import io.meshforge.model.spec.SecretSpec;
import io.meshforge.model.spec.ZoneEgressSpec;
import io.meshforge.model.spec.ZoneIngressSpec;
import java.util.Base64;

/**
 * {@code ResourceReferenceRules} holds the small rules of the non-policy types that point at other
 * things: secrets (base64 data), external services (endpoints, TLS data sources) and zone proxies
 * (addresses).
 */
final class ResourceReferenceRules {

  private ResourceReferenceRules() {}

  /** Rules for Secret and GlobalSecret. */
  static final SpecRules<SecretSpec> SECRET =
      (spec, at) -> {
        if (spec.data() != null && !isBase64(spec.data())) {
          at.field("data").add("must be base64-encoded");
        }
      };

  /** Rules for MeshExternalService. */
  static final SpecRules<MeshExternalServiceSpec> EXTERNAL_SERVICE =
      (spec, at) -> {
        if (spec.endpoints().isEmpty() && spec.extension() == null) {
          at.field("endpoints").add("must have at least one endpoint (or an extension)");
        }
        Elements.each(
            spec.endpoints(),
            at.field("endpoints"),
            (endpoint, endpointAt) -> {
              String address = endpoint.address();
              if (address != null && address.startsWith("unix://")) {
                EndpointRules.checkFilePath(address.substring(7), endpointAt.field("address"));
              } else {
                EndpointRules.checkAddress(address, endpointAt.field("address"));
                if (endpoint.port() == null) {
                  endpointAt.field("port").add("is required for a network address");
                }
              }
            });
        MeshExternalServiceSpec.Tls tls = spec.tls();
        if (tls != null && tls.verification() != null) {
          ViolationCollector verificationAt = at.field("tls").field("verification");
          checkDataSource(tls.verification().caCert(), verificationAt.field("caCert"));
          checkDataSource(tls.verification().clientCert(), verificationAt.field("clientCert"));
          checkDataSource(tls.verification().clientKey(), verificationAt.field("clientKey"));
        }
      };

  /** Rules for ZoneIngress. */
  static final SpecRules<ZoneIngressSpec> ZONE_INGRESS =
      (spec, at) -> {
        if (spec.networking() != null) {
          EndpointRules.checkAddress(
              spec.networking().address(), at.field("networking").field("address"));
          EndpointRules.checkAddress(
              spec.networking().advertisedAddress(),
              at.field("networking").field("advertisedAddress"));
        }
        Elements.each(
            spec.availableServices(),
            at.field("availableServices"),
            (service, serviceAt) -> TagRules.check(service.tags(), serviceAt.field("tags")));
      };

  /** Rules for ZoneEgress. */
  static final SpecRules<ZoneEgressSpec> ZONE_EGRESS =
      (spec, at) -> {
        if (spec.networking() != null) {
          EndpointRules.checkAddress(
              spec.networking().address(), at.field("networking").field("address"));
        }
      };

  static void checkDataSource(DataSource source, ViolationCollector at) {
    if (source == null) {
      return;
    }
    if (Elements.countSet(source.secret(), source.inline(), source.inlineString()) != 1) {
      at.add("must have exactly one of secret, inline and inlineString");
    }
    if (source.inline() != null && !isBase64(source.inline())) {
      at.field("inline").add("must be base64-encoded");
    }
    if (source.secret() != null) {
      ResourceNames.validate(source.secret(), at.field("secret"));
    }
  }

  static boolean isBase64(String text) {
    try {
      Base64.getDecoder().decode(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
