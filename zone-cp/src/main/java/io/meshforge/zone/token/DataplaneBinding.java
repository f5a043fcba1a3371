package io.meshforge.zone.token;

import io.meshforge.model.Resource;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Checks a verified token against the Dataplane it is presented for (Kuma's rules):
 *
 * <ul>
 *   <li>a token with a name is valid only for the Dataplane of that name;
 *   <li>its mesh must be the Dataplane's;
 *   <li>each tag it names must be on the Dataplane (any inbound, or the gateway), and every value
 *       the Dataplane has for it must be one the token allows.
 * </ul>
 */
public final class DataplaneBinding {

  private DataplaneBinding() {}

  /**
   * Checks the binding.
   *
   * @throws TokenMismatchException naming the first mismatch
   */
  public static void check(DataplaneTokenClaims token, Resource dataplane)
      throws TokenMismatchException {
    if (token.zoneProxy()) {
      throw new TokenMismatchException(
          "the token is for a zone " + token.proxyType() + ", not for a Dataplane");
    }
    if (!token.name().isEmpty() && !token.name().equals(dataplane.name())) {
      throw new TokenMismatchException(
          "the dataplane token is for Dataplane '"
              + token.name()
              + "', not '"
              + dataplane.name()
              + "'");
    }
    if (!token.mesh().equals(dataplane.mesh())) {
      throw new TokenMismatchException(
          "the dataplane token is for mesh '" + token.mesh() + "', not '" + dataplane.mesh() + "'");
    }
    Map<String, Set<String>> present = tagSet(dataplane.spec());
    for (var allowed : token.tags().entrySet()) {
      Set<String> values = present.get(allowed.getKey());
      if (values == null) {
        throw new TokenMismatchException(
            "the dataplane token requires tag " + allowed.getKey() + ", the Dataplane has none");
      }
      for (String value : values) {
        if (!allowed.getValue().contains(value)) {
          throw new TokenMismatchException(
              "the dataplane token does not allow tag "
                  + allowed.getKey()
                  + "="
                  + value
                  + " (allowed: "
                  + String.join(", ", allowed.getValue())
                  + ")");
        }
      }
    }
  }

  /**
   * Checks a zone proxy's token against its ZoneIngress (or ZoneEgress): the token must be for that
   * kind of zone proxy and, when it names one, for that name.
   *
   * @param token the verified token
   * @param proxyType {@link DataplaneTokenClaims#INGRESS} or {@link DataplaneTokenClaims#EGRESS}
   * @param name the zone proxy's resource name
   * @throws TokenMismatchException naming the mismatch
   */
  public static void checkZoneProxy(DataplaneTokenClaims token, String proxyType, String name)
      throws TokenMismatchException {
    if (!proxyType.equals(token.proxyType())) {
      throw new TokenMismatchException(
          "the token is for a " + token.proxyType() + ", not for a zone " + proxyType);
    }
    if (!token.name().isEmpty() && !token.name().equals(name)) {
      throw new TokenMismatchException(
          "the token is for zone " + proxyType + " '" + token.name() + "', not '" + name + "'");
    }
  }

  /** Every tag value of every inbound and of the gateway, by tag name. */
  static Map<String, Set<String>> tagSet(JsonNode spec) {
    Map<String, Set<String>> tags = new TreeMap<>();
    JsonNode networking = spec.path("networking");
    for (JsonNode inbound : networking.path("inbound")) {
      addTags(tags, inbound.path("tags"));
    }
    addTags(tags, networking.path("gateway").path("tags"));
    return tags;
  }

  private static void addTags(Map<String, Set<String>> tags, JsonNode node) {
    for (var entry : node.properties()) {
      tags.computeIfAbsent(entry.getKey(), k -> new TreeSet<>()).add(entry.getValue().asString());
    }
  }
}
