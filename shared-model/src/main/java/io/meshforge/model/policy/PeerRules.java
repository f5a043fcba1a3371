package io.meshforge.model.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * {@code PeerRules} holds the {@code to[]} (or {@code from[]}) entries of the policies matching a
 * proxy and answers which configuration applies to a given destination (or source).
 *
 * <p>The entries of all matching policies are concatenated in policy order, then stably sorted by
 * the rank of their targetRef: {@code Mesh} &lt; {@code MeshService} &lt; {@code MeshService} with
 * a {@code sectionName} &lt; {@code MeshExternalService} &lt; {@code MeshMultiZoneService} &lt;
 * {@code MeshHTTPRoute}. The configuration for a peer merges, in that order, the {@code default}
 * blocks of the entries whose targetRef matches it ({@code Mesh} matches every peer).
 *
 * <p>Immutable and thread-safe.
 */
public final class PeerRules {

  private static final PeerRules EMPTY = new PeerRules(List.of(), List.of());

  private final List<SectionEntry> entries;
  private final List<ParsedTargetRef> refs;
  private final List<Peer> peers;

  private PeerRules(List<SectionEntry> sortedEntries, List<ParsedTargetRef> sortedRefs) {
    this.entries = List.copyOf(sortedEntries);
    this.refs = List.copyOf(sortedRefs);
    this.peers = namedPeers(refs);
  }

  /** Sorts entries given in policy order by targetRef rank, keeping policy order within a rank. */
  static PeerRules of(List<SectionEntry> entriesInPolicyOrder) {
    if (entriesInPolicyOrder.isEmpty()) {
      return EMPTY;
    }
    // Each targetRef parsed once (the matcher builds rules for every proxy), not once per
    // comparison of the sort and again for the rules.
    List<Ranked> ranked = new ArrayList<>(entriesInPolicyOrder.size());
    for (SectionEntry entry : entriesInPolicyOrder) {
      ranked.add(new Ranked(entry, ParsedTargetRef.of(entry.targetRefView())));
    }
    // List.sort is a stable merge sort: entries of equal rank keep the policy order.
    ranked.sort(Comparator.comparingInt(r -> r.ref().peerRank()));
    return new PeerRules(
        ranked.stream().map(Ranked::entry).toList(), ranked.stream().map(Ranked::ref).toList());
  }

  /** An entry with its parsed targetRef, while sorting. */
  private record Ranked(SectionEntry entry, ParsedTargetRef ref) {}

  /**
   * Returns rules without any entry.
   *
   * @return the empty rules
   */
  public static PeerRules empty() {
    return EMPTY;
  }

  /**
   * Returns every entry in merge order (lowest priority first).
   *
   * @return the entries
   */
  public List<SectionEntry> entries() {
    return entries;
  }

  /**
   * Returns the distinct peers that entries name explicitly by name (not {@code Mesh}, not by
   * labels), sorted by kind, name and section; a peer named with a {@code sectionName} appears as
   * that section.
   *
   * @return the named peers
   */
  public List<Peer> peers() {
    return peers;
  }

  /**
   * Returns the configuration every peer gets: the merge of the {@code Mesh} entries alone.
   *
   * @return the mesh-wide configuration
   */
  public EffectiveConf meshWide() {
    return merge(ref -> ref.is(TargetRefKind.MESH));
  }

  /**
   * Returns the configuration for one peer.
   *
   * @param peer the destination or source
   * @return the merge of the entries matching it
   */
  public EffectiveConf confFor(Peer peer) {
    Objects.requireNonNull(peer, "peer");
    return merge(ref -> ref.matchesPeer(peer));
  }

  /**
   * Returns the configuration for traffic that is described by several peers at once, e.g. one port
   * of a service together with the HTTP route it takes: entries matching any of them are merged in
   * the rank order.
   *
   * @param peers the peers
   * @return the merge of the entries matching any of them
   */
  public EffectiveConf confFor(Collection<Peer> peers) {
    List<Peer> copy = List.copyOf(peers);
    return merge(ref -> copy.stream().anyMatch(ref::matchesPeer));
  }

  /**
   * Returns whether there is no entry at all.
   *
   * @return {@code true} when no matching policy has an entry in this section
   */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  private EffectiveConf merge(Predicate<ParsedTargetRef> applies) {
    List<SectionEntry> applying = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      if (applies.test(refs.get(i))) {
        applying.add(entries.get(i));
      }
    }
    return Confs.merge(applying);
  }

  private static List<Peer> namedPeers(List<ParsedTargetRef> refs) {
    Comparator<Peer> order =
        Comparator.comparing(Peer::kind).thenComparing(Peer::name).thenComparing(Peer::sectionName);
    Set<Peer> named = new TreeSet<>(order);
    refs.forEach(ref -> ref.namedPeer().ifPresent(named::add));
    return List.copyOf(named);
  }
}
