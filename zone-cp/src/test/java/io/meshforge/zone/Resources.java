package io.meshforge.zone;

import io.meshforge.model.Resource;
import io.meshforge.model.codec.DocumentFormat;
import io.meshforge.model.codec.ResourceCodec;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Test resources written as users write them. */
public final class Resources {
  private static final ResourceCodec CODEC = new ResourceCodec();

  private Resources() {}

  /** Decodes (and validates) one YAML document. */
  public static Resource yaml(String yaml) {
    return CODEC.decode(yaml.getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML);
  }

  /** A Mesh. */
  public static Resource mesh(String name) {
    return yaml("type: Mesh\nname: " + name + "\n");
  }

  /** A MeshTimeout in a mesh. */
  public static Resource timeout(String mesh, String name, String connectionTimeout) {
    return yaml(
        """
        type: MeshTimeout
        name: %s
        mesh: %s
        spec:
          targetRef: {kind: Mesh}
          to:
          - targetRef: {kind: Mesh}
            default: {connectionTimeout: %s}
        """
            .formatted(name, mesh, connectionTimeout));
  }

  /** A Dataplane in a mesh. */
  public static Resource dataplane(String mesh, String name) {
    return yaml(
        """
        type: Dataplane
        name: %s
        mesh: %s
        networking:
          address: 10.0.0.1
          inbound:
          - port: 8080
            tags: {kuma.io/service: web}
        """
            .formatted(name, mesh));
  }

  /** Returns the resource with one more label. */
  public static Resource labelled(Resource resource, String key, String value) {
    Map<String, String> labels = new HashMap<>(resource.labels());
    labels.put(key, value);
    return resource.withLabels(labels);
  }
}
