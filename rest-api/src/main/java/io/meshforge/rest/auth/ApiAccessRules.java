package io.meshforge.rest.auth;

import io.meshforge.model.ResourceTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ApiAccessRules} says what a REST request needs (ADR 0024): deny by default, so every path
 * needs a token unless it is one of the few anonymous ones, and a few need the admin.
 *
 * <ul>
 *   <li>anonymous: {@code GET /} (the banner readiness checks read), {@code GET /gui/**} (the GUI's
 *       static files; its API calls carry a token), {@code GET /openapi.yaml} (the document holds
 *       no data) and the POST paths a control plane names (the zone's {@code /bootstrap}, whose
 *       dataplane token in the body is the credential);
 *   <li>admin: Secret and GlobalSecret paths (reads too), {@code /tokens/**}, Envoy admin data of a
 *       proxy ({@code xds}, {@code stats}, {@code clusters}, drill {@code traffic}) and the zone's
 *       {@code /zone/epoch/confirm};
 *   <li>everything else: any authenticated caller.
 * </ul>
 *
 * <p>Paths are the servlet container's decoded, normalised ones; empty segments are ignored (as
 * Spring's matching would treat them at worst more strictly), type segments compare without case,
 * and a path still holding a dot segment needs the admin rather than risking a mismatch with what
 * the handler mapping resolves.
 */
public final class ApiAccessRules {

  private static final Set<String> READS = Set.of("GET", "HEAD");
  private static final Set<String> ENVOY_ADMIN_DATA = Set.of("xds", "stats", "clusters", "traffic");
  private static final Set<String> ZONE_PROXY_PATHS =
      Set.of(ResourceTypes.ZONE_INGRESS.path(), ResourceTypes.ZONE_EGRESS.path());

  private final Set<String> anonymousPosts;

  /**
   * @param anonymousPosts exact paths a POST to which needs no token (e.g. {@code /bootstrap} on a
   *     zone, authenticated by what the body carries)
   */
  public ApiAccessRules(Set<String> anonymousPosts) {
    this.anonymousPosts = Set.copyOf(anonymousPosts);
  }

  /** Returns what a request with this method and (decoded, context-relative) path needs. */
  public ApiAccess required(String method, String path) {
    List<String> segments = segments(path);
    if (segments.contains(".") || segments.contains("..")) {
      return ApiAccess.ADMIN;
    }
    String upper = method.toUpperCase(Locale.ROOT);
    if (isAnonymous(upper, segments)) {
      return ApiAccess.ANONYMOUS;
    }
    return needsAdmin(segments) ? ApiAccess.ADMIN : ApiAccess.AUTHENTICATED;
  }

  private boolean isAnonymous(String method, List<String> segments) {
    if (READS.contains(method)) {
      return segments.isEmpty()
          || segments.getFirst().equals("gui")
          || (segments.size() == 1 && segments.getFirst().equals("openapi.yaml"));
    }
    return method.equals("POST") && anonymousPosts.contains("/" + String.join("/", segments));
  }

  private static boolean needsAdmin(List<String> segments) {
    if (segments.isEmpty()) {
      return false;
    }
    String first = segments.getFirst();
    if (first.equals("tokens")) {
      return true;
    }
    if (segments.equals(List.of("zone", "epoch", "confirm"))) {
      return true;
    }
    boolean inMesh = first.equals("meshes") && segments.size() >= 3;
    String typePath = inMesh ? segments.get(2) : first;
    if (isSecretPath(typePath)) {
      return true;
    }
    String last = segments.getLast();
    if (inMesh
        && segments.size() == 5
        && segments.get(2).equals(ResourceTypes.DATAPLANE.path())
        && ENVOY_ADMIN_DATA.contains(last)) {
      return true;
    }
    return segments.size() == 3
        && ZONE_PROXY_PATHS.contains(first)
        && ENVOY_ADMIN_DATA.contains(last);
  }

  private static boolean isSecretPath(String typePath) {
    return typePath.equalsIgnoreCase(ResourceTypes.SECRET.path())
        || typePath.equalsIgnoreCase(ResourceTypes.GLOBAL_SECRET.path());
  }

  private static List<String> segments(String path) {
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    return segments;
  }
}
