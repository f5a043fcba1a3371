package io.meshforge.model.policy;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code Peer} is a concrete party at the other end of the proxy's traffic: the destination a
 * {@code to[]} entry may name, or the source a {@code from[]} entry may name. A {@code to[]} or
 * {@code from[]} entry applies to a peer when its targetRef is {@code Mesh}, or has the peer's kind
 * and names it (by {@code name}, or by {@code labels} all found in the peer's labels) and, when it
 * has a {@code sectionName}, designates the peer's section.
 *
 * @param kind the kind of the peer, e.g. {@link TargetRefKind#MESH_SERVICE}; never {@code MESH}
 * @param name the peer's name (a MeshService name, a {@code kuma.io/service} value, a route name)
 * @param sectionName the port name (or other section) addressed, or {@code ""} for the whole peer
 * @param port the port number addressed, or 0 when none; a targetRef {@code sectionName} equal to
 *     this number written in decimal also designates it
 * @param labels the peer's labels, for targetRefs that select by labels; sorted by key
 */
public record Peer(
    TargetRefKind kind, String name, String sectionName, int port, Map<String, String> labels) {

  /** Checks the fields and copies the labels into an unmodifiable sorted map. */
  public Peer {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (kind == TargetRefKind.MESH) {
      throw new IllegalArgumentException("Mesh is not a peer: it designates every peer");
    }
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a peer needs a name");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    sectionName = sectionName == null ? "" : sectionName;
    labels = Collections.unmodifiableMap(new TreeMap<>(labels == null ? Map.of() : labels));
  }

  /**
   * Returns the whole peer, without a section.
   *
   * @param kind the peer's kind
   * @param name the peer's name
   * @return the peer
   */
  public static Peer of(TargetRefKind kind, String name) {
    return new Peer(kind, name, "", 0, Map.of());
  }

  /**
   * Returns one section of a peer, as a targetRef {@code sectionName} would name it.
   *
   * @param kind the peer's kind
   * @param name the peer's name
   * @param sectionName the section name
   * @return the peer
   */
  public static Peer section(TargetRefKind kind, String name, String sectionName) {
    return new Peer(kind, name, sectionName, 0, Map.of());
  }

  /**
   * Returns one port of a service, designated by a targetRef {@code sectionName} equal either to
   * the port's name or to its number.
   *
   * @param kind the peer's kind
   * @param name the service name
   * @param port the port number
   * @param portName the port's name, or {@code ""} when it has none
   * @return the peer
   */
  public static Peer port(TargetRefKind kind, String name, int port, String portName) {
    return new Peer(kind, name, portName, port, Map.of());
  }

  /**
   * Returns a copy carrying labels, so that targetRefs selecting by labels can match it.
   *
   * @param newLabels the peer's labels
   * @return the copy
   */
  public Peer withLabels(Map<String, String> newLabels) {
    return new Peer(kind, name, sectionName, port, newLabels);
  }

  /**
   * Returns whether a targetRef {@code sectionName} designates this peer's section.
   *
   * @param section a targetRef's section name
   * @return {@code true} when it equals this peer's section name or port number
   */
  public boolean hasSection(String section) {
    Objects.requireNonNull(section, "section");
    return (!sectionName.isEmpty() && sectionName.equals(section))
        || (port > 0 && Integer.toString(port).equals(section));
  }
}
