package io.meshforge.zone.xds.server;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.BuildVersion;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.type.v3.SemanticVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code EnvoyVersion} is what a proxy's xDS node says about its build, in the two strings Kuma's
 * insight shows under {@code subscriptions[].version.envoy}: {@code version} ({@code 1.34.2}) and
 * {@code build}, Envoy's own {@code revision/version/status/type/ssl} line ({@code
 * 8a1b.../1.34.2/Clean/RELEASE/BoringSSL}).
 *
 * <p>Envoy sends {@code user_agent_build_version} (a semantic version plus build metadata); other
 * xDS clients (gRPC libraries) send the free-form {@code user_agent_version} instead, which is then
 * the version, with no build.
 *
 * @param version the version, empty when the node does not say
 * @param build the build line, empty when the node carries no build metadata
 */
public record EnvoyVersion(String version, String build) {

  /** A node that said nothing about its version. */
  public static final EnvoyVersion UNKNOWN = new EnvoyVersion("", "");

  // The build metadata keys Envoy fills (source/common/version), in the order of its version line.
  private static final List<String> BUILD_KEYS =
      List.of("revision.sha", "", "revision.status", "build.type", "ssl.version");

  /** Checks that nothing is null. */
  public EnvoyVersion {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(build, "build");
  }

  /**
   * Reads the version of the node of a stream's first request.
   *
   * @param node the xDS node
   * @return the version, {@link #UNKNOWN} when the node carries none
   */
  public static EnvoyVersion of(Node node) {
    if (node.hasUserAgentBuildVersion()) {
      BuildVersion build = node.getUserAgentBuildVersion();
      String version = semantic(build.getVersion());
      return new EnvoyVersion(version, buildLine(version, build.getMetadata()));
    }
    return new EnvoyVersion(node.getUserAgentVersion(), "");
  }

  /** Returns whether the node said anything at all. */
  public boolean known() {
    return !version.isEmpty() || !build.isEmpty();
  }

  private static String semantic(SemanticVersion version) {
    return version.getMajorNumber() + "." + version.getMinorNumber() + "." + version.getPatch();
  }

  /**
   * Envoy's version line from the build metadata: empty without a revision, as a line made of
   * blanks says nothing.
   */
  private static String buildLine(String version, Struct metadata) {
    String revision = text(metadata, "revision.sha");
    if (revision.isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (String key : BUILD_KEYS) {
      parts.add(key.isEmpty() ? version : text(metadata, key));
    }
    while (parts.getLast().isEmpty()) {
      parts.removeLast();
    }
    return String.join("/", parts);
  }

  private static String text(Struct metadata, String key) {
    Value value = metadata.getFieldsOrDefault(key, Value.getDefaultInstance());
    return value.hasStringValue() ? value.getStringValue() : "";
  }
}
