package io.meshforge.rest.inspect;

/**
 * {@code EnvoyAdminKind} is what an inspect request may read from a proxy's Envoy admin: exactly
 * these three fixed admin paths, so no caller (global included) can make a control plane fetch an
 * arbitrary URL.
 */
public enum EnvoyAdminKind {
  /** Envoy's {@code /config_dump}, served as Kuma's {@code .../xds} (JSON). */
  CONFIG_DUMP("xds", "/config_dump", "application/json"),
  /** Envoy's {@code /stats} (text). */
  STATS("stats", "/stats", "text/plain"),
  /** Envoy's {@code /clusters} (text). */
  CLUSTERS("clusters", "/clusters", "text/plain");

  private final String restPath;
  private final String adminPath;
  private final String mediaType;

  EnvoyAdminKind(String restPath, String adminPath, String mediaType) {
    this.restPath = restPath;
    this.adminPath = adminPath;
    this.mediaType = mediaType;
  }

  /** Returns the last segment of the REST path, e.g. {@code xds}. */
  public String restPath() {
    return restPath;
  }

  /** Returns the path on Envoy's admin interface, e.g. {@code /config_dump}. */
  public String adminPath() {
    return adminPath;
  }

  /** Returns the media type of the answer, as Kuma serves it. */
  public String mediaType() {
    return mediaType;
  }
}
