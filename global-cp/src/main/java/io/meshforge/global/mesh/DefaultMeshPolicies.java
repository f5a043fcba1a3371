package io.meshforge.global.mesh;

import io.meshforge.global.config.ForgeGlobalProperties;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.codec.DocumentFormat;
import io.meshforge.model.codec.ResourceCodec;
import io.meshforge.model.store.ResourceAlreadyExistsException;
import io.meshforge.model.store.ResourceStore;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Creates the policies a Kuma user expects in a new mesh: traffic allowed between all services,
 * sane timeouts, retries, and a circuit breaker whose outlier detection gives passive health
 * checking by default (so cross-zone failover works without any policy).
 *
 * <p>Switched off for every mesh with {@code mesh.defaults.policies: false}, or per mesh with the
 * Mesh's {@code skipCreatingInitialPolicies} ({@code ["*"]} or a list of type names).
 */
@Component
public class DefaultMeshPolicies {
  private static final Logger log = LoggerFactory.getLogger(DefaultMeshPolicies.class);
  private static final int MAX_NAME = 253;

  /** A default policy: its type, name prefix (the mesh name is appended) and spec. */
  private record Template(ResourceType type, String prefix, String specYaml) {}

  private static final List<Template> TEMPLATES =
      List.of(
          new Template(
              ResourceTypes.MESH_TRAFFIC_PERMISSION,
              "allow-all-",
              """
              targetRef:
                kind: Mesh
              from:
              - targetRef:
                  kind: Mesh
                default:
                  action: Allow
              """),
          new Template(
              ResourceTypes.MESH_TIMEOUT,
              "mesh-timeout-all-",
              """
              targetRef:
                kind: Mesh
              from:
              - targetRef:
                  kind: Mesh
                default:
                  connectionTimeout: 10s
                  idleTimeout: 2h
                  http:
                    requestTimeout: 15s
                    streamIdleTimeout: 30m
              to:
              - targetRef:
                  kind: Mesh
                default:
                  connectionTimeout: 10s
                  idleTimeout: 1h
                  http:
                    requestTimeout: 15s
                    streamIdleTimeout: 30m
              """),
          new Template(
              ResourceTypes.MESH_RETRY,
              "mesh-retry-all-",
              """
              targetRef:
                kind: Mesh
              to:
              - targetRef:
                  kind: Mesh
                default:
                  tcp:
                    maxConnectAttempt: 5
                  http:
                    numRetries: 5
                    perTryTimeout: 16s
                    backOff:
                      baseInterval: 25ms
                      maxInterval: 250ms
                  grpc:
                    numRetries: 5
                    perTryTimeout: 16s
                    backOff:
                      baseInterval: 25ms
                      maxInterval: 250ms
              """),
          new Template(
              ResourceTypes.MESH_CIRCUIT_BREAKER,
              "mesh-circuit-breaker-all-",
              """
              targetRef:
                kind: Mesh
              to:
              - targetRef:
                  kind: Mesh
                default:
                  connectionLimits:
                    maxConnections: 1024
                    maxPendingRequests: 1024
                    maxRequests: 1024
                    maxRetries: 3
                  outlierDetection:
                    disabled: false
                    interval: 5s
                    baseEjectionTime: 30s
                    maxEjectionPercent: 100
                    detectors:
                      totalFailures:
                        consecutive: 5
                      gatewayFailures:
                        consecutive: 5
                      localOriginFailures:
                        consecutive: 5
              """));

  private final ResourceStore store;
  private final ResourceCodec codec;
  private final boolean enabled;

  public DefaultMeshPolicies(
      ResourceStore store, ResourceCodec codec, ForgeGlobalProperties config) {
    this.store = store;
    this.codec = codec;
    this.enabled = config.mesh().defaults().policies();
  }

  /** Creates the default policies of a mesh that was just created. */
  public void createFor(Resource mesh) {
    if (!enabled) {
      return;
    }
    Set<String> skipped = skippedTypes(mesh.spec());
    if (skipped.contains("*")) {
      return;
    }
    for (Template template : TEMPLATES) {
      if (skipped.contains(template.type().name())) {
        continue;
      }
      Resource policy = render(template, mesh.name());
      try {
        store.create(policy);
      } catch (ResourceAlreadyExistsException e) {
        log.debug("default policy {} exists already", policy.key());
      }
    }
  }

  private Resource render(Template template, String mesh) {
    String name = nameOf(template.prefix(), mesh);
    String yaml =
        "type: "
            + template.type().name()
            + "\nname: "
            + name
            + "\nmesh: "
            + mesh
            + "\nlabels:\n  kuma.io/origin: global\nspec:\n"
            + template.specYaml().indent(2);
    Resource decoded = codec.decode(yaml.getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML);
    return Resource.of(
        ResourceKey.inMesh(template.type(), mesh, name), decoded.labels(), decoded.spec());
  }

  /** The prefix plus the mesh name, cut to a valid length (mesh names can be long). */
  static String nameOf(String prefix, String mesh) {
    String name = prefix + mesh;
    if (name.length() <= MAX_NAME) {
      return name;
    }
    String cut = name.substring(0, MAX_NAME);
    while (cut.endsWith("-") || cut.endsWith(".")) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut;
  }

  private static Set<String> skippedTypes(JsonNode meshSpec) {
    Set<String> skipped = new HashSet<>();
    JsonNode list = meshSpec.path("skipCreatingInitialPolicies");
    if (list.isArray()) {
      list.forEach(item -> skipped.add(item.asString()));
    }
    return skipped;
  }
}
