package io.meshforge.model.validation;

import io.meshforge.model.spec.MeshMultiZoneServiceSpec;
import io.meshforge.model.spec.MeshServiceSpec;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code MeshServiceRules} checks MeshServices and MeshMultiZoneServices: unique port numbers and
 * names, and a selector that says which backends it groups one way only.
 */
final class MeshServiceRules {

  private MeshServiceRules() {}

  /** Rules for MeshService. */
  static final SpecRules<MeshServiceSpec> MESH_SERVICE =
      (spec, at) -> {
        MeshServiceSpec.Selector selector = spec.selector();
        if (selector != null
            && !selector.dataplaneTags().isEmpty()
            && selector.dataplaneRef() != null) {
          at.field("selector").add("must have only one of dataplaneTags and dataplaneRef");
        }
        if (selector != null) {
          TagRules.check(selector.dataplaneTags(), at.field("selector").field("dataplaneTags"));
        }
        Set<Integer> ports = new HashSet<>();
        Set<String> names = new HashSet<>();
        Elements.each(
            spec.ports(),
            at.field("ports"),
            (port, portAt) -> {
              checkUnique(port.port(), port.name(), ports, names, portAt);
              if (port.targetPort() != null && port.targetPort().isNumber()) {
                long target = port.targetPort().number();
                if (target < 1 || target > 65535) {
                  portAt.field("targetPort").add("must be a port from 1 to 65535 or a port name");
                }
              }
            });
      };

  /** Rules for MeshMultiZoneService. */
  static final SpecRules<MeshMultiZoneServiceSpec> MULTI_ZONE_SERVICE =
      (spec, at) -> {
        if (spec.selector() != null && spec.selector().meshService() != null) {
          ViolationCollector labelsAt =
              at.field("selector").field("meshService").field("matchLabels");
          if (spec.selector().meshService().matchLabels().isEmpty()) {
            labelsAt.add("must select by at least one label");
          }
          LabelRules.validate(spec.selector().meshService().matchLabels(), labelsAt);
        }
        if (spec.ports().isEmpty()) {
          at.field("ports").add("must have at least one port");
        }
        Set<Integer> ports = new HashSet<>();
        Set<String> names = new HashSet<>();
        Elements.each(
            spec.ports(),
            at.field("ports"),
            (port, portAt) -> checkUnique(port.port(), port.name(), ports, names, portAt));
      };

  private static void checkUnique(
      Integer port, String name, Set<Integer> ports, Set<String> names, ViolationCollector at) {
    if (port != null && !ports.add(port)) {
      at.field("port").add("duplicate port " + port);
    }
    if (name != null && !names.add(name)) {
      at.field("name").add("duplicate port name \"" + name + "\"");
    }
  }
}
