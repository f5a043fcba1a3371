package io.meshforge.bench;

import io.meshforge.local.ControlPlaneNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code IngressHops} watches one zone's ZoneIngress on its way to another zone (B5's cross-zone
 * path) and records, per hop, each distinct version it saw: how many instances of the watched
 * service it offered and the {@code modificationTime} the hop's store stamped on it (in-memory
 * store: when applied; PostgreSQL: the transaction start; all on this machine's clock).
 *
 * <p>One daemon thread per hop polls the hop's REST API every {@code interval}; at one change per
 * second each version lives about a second, so a 100 ms poll sees almost all of them, and the
 * recorded times are the stores' own, not the poll's. Three small GETs per interval do not load the
 * CPs measurably.
 *
 * <p>Thread-safe: pollers add, the harness reads {@link #versions} after a stage.
 */
final class IngressHops implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The hops in path order. */
  enum Hop {
    /** The origin zone's own ZoneIngress. */
    ORIGIN,
    /** Global's copy (stamped with the origin zone). */
    GLOBAL,
    /** The consuming zone's copy ({@code <name>-<hash>}, zone label). */
    CONSUMER
  }

  /** One version of the ingress at one hop. */
  record Version(int instances, Instant modified) {}

  private final String mesh;
  private final String service;
  private final String zone;
  private final Duration interval;
  private final ConcurrentHashMap<Hop, Set<Version>> seen = new ConcurrentHashMap<>();
  private final List<Thread> pollers = new ArrayList<>();
  private volatile boolean closed;

  /**
   * @param mesh the mesh of the watched service
   * @param service the watched {@code kuma.io/service}
   * @param zone the zone whose ingress is watched
   * @param interval how often each hop is read
   */
  IngressHops(String mesh, String service, String zone, Duration interval) {
    this.mesh = mesh;
    this.service = service;
    this.zone = zone;
    this.interval = interval;
    for (Hop hop : Hop.values()) {
      seen.put(hop, ConcurrentHashMap.newKeySet());
    }
  }

  /** Starts polling: the origin zone, global, and the consuming zone. */
  IngressHops start(ControlPlaneNode origin, ControlPlaneNode global, ControlPlaneNode consumer) {
    poll(Hop.ORIGIN, origin);
    poll(Hop.GLOBAL, global);
    poll(Hop.CONSUMER, consumer);
    return this;
  }

  /** The versions seen at {@code hop}, oldest first. */
  List<Version> versions(Hop hop) {
    return seen.get(hop).stream().sorted(Comparator.comparing(Version::modified)).toList();
  }

  /**
   * How many distinct versions each hop showed, e.g. {@code ORIGIN=212 GLOBAL=211 CONSUMER=211}.
   */
  String seenCounts() {
    StringBuilder out = new StringBuilder();
    for (Hop hop : Hop.values()) {
      out.append(out.isEmpty() ? "" : " ").append(hop).append('=').append(seen.get(hop).size());
    }
    return out.toString();
  }

  @Override
  public void close() {
    closed = true;
    pollers.forEach(Thread::interrupt);
  }

  private void poll(Hop hop, ControlPlaneNode node) {
    Thread thread =
        Thread.ofPlatform()
            .name("b5-hops-" + hop.name().toLowerCase(java.util.Locale.ROOT))
            .daemon()
            .start(() -> {
              while (!closed) {
                long next = System.nanoTime() + interval.toNanos();
                try {
                  String body = node.get("/zoneingresses");
                  if (body != null) {
                    record(hop, JSON.readTree(body));
                  }
                } catch (RuntimeException e) {
                  // A failed read loses one sample; the next one sees the same version.
                }
                LockSupport.parkNanos(next - System.nanoTime());
              }
            });
    pollers.add(thread);
  }

  private void record(Hop hop, JsonNode list) {
    for (JsonNode ingress : list.path("items")) {
      if (ofZone(hop, ingress)) {
        String modified = ingress.path("modificationTime").asString("");
        if (!modified.isEmpty()) {
          seen.get(hop).add(new Version(instances(ingress), Instant.parse(modified)));
        }
      }
    }
  }

  /**
   * The origin zone's own ingress carries no zone (or its own); its copies on global and in the
   * consuming zone carry the origin zone, stamped by global.
   */
  private boolean ofZone(Hop hop, JsonNode ingress) {
    String stamped = ingress.path("zone").asString("");
    return hop == Hop.ORIGIN ? stamped.isEmpty() || stamped.equals(zone) : stamped.equals(zone);
  }

  /** Instances of the watched service the ingress offers; 0 when it offers none. */
  int instances(JsonNode ingress) {
    int instances = 0;
    for (JsonNode offered : ingress.path("availableServices")) {
      if (mesh.equals(offered.path("mesh").asString(""))
          && service.equals(offered.path("tags").path("kuma.io/service").asString(""))) {
        instances += offered.path("instances").asInt(0);
      }
    }
    return instances;
  }
}
