package io.meshforge.model.validation;

import io.meshforge.model.spec.MeshAccessLogSpec;
import io.meshforge.model.spec.MeshMetricSpec;
import io.meshforge.model.spec.MeshTraceSpec;

/**
 * {@code ObservabilityRules} checks MeshAccessLog, MeshTrace and MeshMetric: each backend sets
 * exactly the block for its type, and the files, addresses and URLs they name are constrained
 * (RELIABILITY.md S11).
 */
final class ObservabilityRules {

  private ObservabilityRules() {}

  /** Rules for MeshAccessLog. */
  static final SpecRules<MeshAccessLogSpec> ACCESS_LOG =
      (spec, at) ->
          PolicyDefaults.each(
              spec,
              MeshAccessLogSpec.Conf.class,
              at,
              (conf, path) ->
                  Elements.each(
                      conf.backends(),
                      path.field("backends"),
                      ObservabilityRules::checkAccessLogBackend));

  private static void checkAccessLogBackend(
      MeshAccessLogSpec.Backend backend, ViolationCollector at) {
    if (Elements.countSet(backend.tcp(), backend.file(), backend.openTelemetry()) != 1) {
      at.add("must have exactly one of tcp, file, openTelemetry");
    }
    if (backend.file() != null) {
      EndpointRules.checkFilePath(backend.file().path(), at.field("file").field("path"));
      checkFormat(backend.file().format(), at.field("file").field("format"));
    }
    if (backend.tcp() != null) {
      EndpointRules.checkHostPort(backend.tcp().address(), at.field("tcp").field("address"));
      checkFormat(backend.tcp().format(), at.field("tcp").field("format"));
    }
    if (backend.openTelemetry() != null) {
      EndpointRules.checkHostPort(
          backend.openTelemetry().endpoint(), at.field("openTelemetry").field("endpoint"));
    }
  }

  private static void checkFormat(MeshAccessLogSpec.Format format, ViolationCollector at) {
    if (format == null || format.type() == null) {
      return;
    }
    boolean plain = format.type() == MeshAccessLogSpec.FormatType.Plain;
    if (plain && (format.plain() == null || !format.json().isEmpty())) {
      at.add("type Plain needs plain (and no json)");
    } else if (!plain && (format.json().isEmpty() || format.plain() != null)) {
      at.add("type Json needs json (and no plain)");
    }
  }

  /** Rules for MeshTrace. */
  static final SpecRules<MeshTraceSpec> TRACE =
      (spec, at) -> {
        if (spec.defaults() == null) {
          return;
        }
        ViolationCollector backendsAt = at.field("default").field("backends");
        if (spec.defaults().backends().size() > 1) {
          backendsAt.add("must have at most one backend");
        }
        Elements.each(
            spec.defaults().backends(), backendsAt, ObservabilityRules::checkTraceBackend);
        Elements.each(
            spec.defaults().tags(),
            at.field("default").field("tags"),
            (tag, tagAt) -> {
              if (Elements.countSet(tag.literal(), tag.header()) != 1) {
                tagAt.add("must have exactly one of literal and header");
              }
            });
      };

  private static void checkTraceBackend(MeshTraceSpec.Backend backend, ViolationCollector at) {
    if (backend.type() == null) {
      return;
    }
    Object block =
        switch (backend.type()) {
          case Zipkin -> backend.zipkin();
          case Datadog -> backend.datadog();
          case OpenTelemetry -> backend.openTelemetry();
        };
    if (block == null
        || Elements.countSet(backend.zipkin(), backend.datadog(), backend.openTelemetry()) != 1) {
      at.add("must set exactly the block matching its type");
    }
    if (backend.zipkin() != null) {
      EndpointRules.checkHttpUrl(backend.zipkin().url(), at.field("zipkin").field("url"));
    }
    if (backend.datadog() != null) {
      EndpointRules.checkHttpUrl(backend.datadog().url(), at.field("datadog").field("url"));
    }
    if (backend.openTelemetry() != null) {
      EndpointRules.checkHostPort(
          backend.openTelemetry().endpoint(), at.field("openTelemetry").field("endpoint"));
    }
  }

  /** Rules for MeshMetric. */
  static final SpecRules<MeshMetricSpec> METRIC =
      (spec, at) -> {
        MeshMetricSpec.Conf conf = spec.defaults();
        if (conf == null) {
          return;
        }
        ViolationCollector confAt = at.field("default");
        if (conf.sidecar() != null && conf.sidecar().profiles() != null) {
          ViolationCollector profilesAt = confAt.field("sidecar").field("profiles");
          Elements.each(
              conf.sidecar().profiles().exclude(),
              profilesAt.field("exclude"),
              ObservabilityRules::checkSelector);
          Elements.each(
              conf.sidecar().profiles().include(),
              profilesAt.field("include"),
              ObservabilityRules::checkSelector);
        }
        Elements.each(
            conf.applications(),
            confAt.field("applications"),
            (app, appAt) -> {
              if (app.path() != null && !app.path().startsWith("/")) {
                appAt.field("path").add("must start with '/'");
              }
              EndpointRules.checkAddress(app.address(), appAt.field("address"));
            });
        Elements.each(
            conf.backends(),
            confAt.field("backends"),
            (backend, backendAt) -> {
              boolean prometheus = backend.type() == MeshMetricSpec.BackendType.Prometheus;
              Object block = prometheus ? backend.prometheus() : backend.openTelemetry();
              if (backend.type() != null
                  && (block == null
                      || Elements.countSet(backend.prometheus(), backend.openTelemetry()) != 1)) {
                backendAt.add("must set exactly the block matching its type");
              }
              if (backend.openTelemetry() != null) {
                EndpointRules.checkHostPort(
                    backend.openTelemetry().endpoint(),
                    backendAt.field("openTelemetry").field("endpoint"));
              }
            });
      };

  private static void checkSelector(MeshMetricSpec.Selector selector, ViolationCollector at) {
    if (selector.type() == MeshMetricSpec.SelectorType.Regex) {
      RegexRules.check(selector.match(), at.field("match"));
    }
  }
}
