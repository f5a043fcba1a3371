package io.meshforge.model.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * {@code EndpointRules} constrains strings that end up as addresses, URLs or file paths in Envoy
 * config (RELIABILITY.md S11): a resource must not make proxies write to system files or talk to
 * cloud metadata services.
 *
 * <p>Loopback addresses are allowed on purpose: they point at the proxy's own host, where local
 * collectors (a Datadog agent, an OpenTelemetry collector) commonly run; the control plane itself
 * never connects to these endpoints.
 */
final class EndpointRules {

  private static final int MAX_PATH_LENGTH = 1024;
  private static final int MAX_URL_LENGTH = 2048;
  private static final Set<String> ALLOWED_DEVICES = Set.of("/dev/stdout", "/dev/stderr");
  private static final Set<String> FORBIDDEN_DIRECTORIES = Set.of("/proc", "/sys", "/dev", "/etc");
  private static final Set<String> METADATA_HOSTS =
      Set.of("metadata.google.internal", "metadata", "fd00:ec2::254", "[fd00:ec2::254]");

  private EndpointRules() {}

  /** Checks an absolute file path a proxy will write to. */
  static void checkFilePath(String path, ViolationCollector at) {
    if (path == null) {
      return;
    }
    if (!path.startsWith("/")) {
      at.add("must be an absolute path");
    } else if (path.length() > MAX_PATH_LENGTH) {
      at.add("must be at most " + MAX_PATH_LENGTH + " characters");
    } else if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      at.add("must not contain control characters");
    } else if (("/" + path + "/").contains("/../") || ("/" + path + "/").contains("/./")) {
      at.add("must not contain '.' or '..' segments");
    } else if (!ALLOWED_DEVICES.contains(path)
        && FORBIDDEN_DIRECTORIES.stream()
            .anyMatch(d -> path.equals(d) || path.startsWith(d + "/"))) {
      at.add("must not be under /proc, /sys, /dev or /etc (except /dev/stdout and /dev/stderr)");
    }
  }

  /** Checks a {@code host:port} endpoint. */
  static void checkHostPort(String endpoint, ViolationCollector at) {
    if (endpoint == null) {
      return;
    }
    int colon = endpoint.lastIndexOf(':');
    if (colon <= 0 || endpoint.contains("/") || endpoint.contains("@")) {
      at.add("must be host:port");
      return;
    }
    String host = endpoint.substring(0, colon);
    String port = endpoint.substring(colon + 1);
    if (!validPort(port)) {
      at.add("must end with a port from 1 to 65535");
      return;
    }
    checkHost(host, at);
  }

  /** Checks an {@code http} or {@code https} URL. */
  static void checkHttpUrl(String url, ViolationCollector at) {
    if (url == null) {
      return;
    }
    if (url.length() > MAX_URL_LENGTH) {
      at.add("must be at most " + MAX_URL_LENGTH + " characters");
      return;
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      at.add("must be a valid URL");
      return;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      at.add("must be an http or https URL");
    } else if (uri.getHost() == null || uri.getRawUserInfo() != null) {
      at.add("must name a host and carry no user info");
    } else {
      checkHost(uri.getHost(), at);
    }
  }

  /** Checks a bare host (a name or an IP address). */
  static void checkHost(String host, ViolationCollector at) {
    String lower = host.toLowerCase(Locale.ROOT);
    if (lower.isEmpty() || lower.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
      at.add("must name a host");
    } else if (METADATA_HOSTS.contains(lower) || lower.startsWith("169.254.")) {
      at.add("must not point at a link-local or cloud metadata address");
    }
  }

  /** Checks a dataplane or endpoint address: an IP address or a hostname. */
  static void checkAddress(String address, ViolationCollector at) {
    if (address == null) {
      return;
    }
    if (address.isEmpty()) {
      at.add("must not be empty");
    } else if (address.length() > 253
        || !address.matches("[A-Za-z0-9.:\\-\\[\\]%_]+")
        || address.startsWith("-")) {
      at.add("must be an IP address or a hostname");
    } else {
      checkHost(address, at);
    }
  }

  private static boolean validPort(String port) {
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
      return false;
    }
    int value = Integer.parseInt(port);
    return value >= 1 && value <= 65535;
  }
}
