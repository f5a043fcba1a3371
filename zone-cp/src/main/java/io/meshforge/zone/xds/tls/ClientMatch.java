package io.meshforge.zone.xds.tls;

import java.util.List;
import java.util.Set;

/**
 * {@code ClientMatch} says which clients a permission is about, by the URI SANs of their
 * certificates: all of {@code uris} must be matched by some URI SAN of the client.
 *
 * @param uris the conditions, all required; never empty
 */
public record ClientMatch(List<UriMatch> uris) {

  /** Copies the list and refuses an empty one (it would match every client silently). */
  public ClientMatch {
    uris = List.copyOf(uris);
    if (uris.isEmpty()) {
      throw new IllegalArgumentException("a client match needs at least one condition");
    }
  }

  /**
   * Returns a match on one condition.
   *
   * @param uri the condition
   * @return the match
   */
  public static ClientMatch of(UriMatch uri) {
    return new ClientMatch(List.of(uri));
  }

  /**
   * Returns whether a client with these URI SANs is matched.
   *
   * @param clientUris the URI SANs of the client's certificate
   * @return {@code true} when every condition is met by one of them
   */
  public boolean matches(Set<String> clientUris) {
    return uris.stream().allMatch(uri -> clientUris.stream().anyMatch(uri::matches));
  }

  /**
   * {@code UriMatch} is one condition on a URI SAN.
   *
   * @param value the URI, or its prefix
   * @param prefix whether {@code value} is a prefix rather than the whole URI
   */
  public record UriMatch(String value, boolean prefix) {

    /**
     * Returns an exact condition.
     *
     * @param value the URI
     * @return the condition
     */
    public static UriMatch exact(String value) {
      return new UriMatch(value, false);
    }

    /**
     * Returns a prefix condition.
     *
     * @param value the prefix
     * @return the condition
     */
    public static UriMatch prefix(String value) {
      return new UriMatch(value, true);
    }

    /**
     * Returns whether a URI meets the condition.
     *
     * @param uri a URI SAN
     * @return {@code true} when it equals (or starts with) the value
     */
    public boolean matches(String uri) {
      return prefix ? uri.startsWith(value) : uri.equals(value);
    }
  }
}
