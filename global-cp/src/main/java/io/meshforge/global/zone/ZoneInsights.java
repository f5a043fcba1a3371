package io.meshforge.global.zone;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import io.meshforge.model.store.ResourceWrite;
import io.meshforge.model.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ZoneInsights} keeps each zone's KDS status on this global instance (open streams, last
 * sign of life, subscriptions with per-type counters) and writes it as the zone's {@code
 * ZoneInsight} (owned by its Zone) every flush interval when something changed. Subscriptions
 * recorded by other global instances are kept when merging; an older open one of another instance
 * is closed when a newer one starts (the zone moved), and at most {@value #MAX_SUBSCRIPTIONS} are
 * kept.
 *
 * <p>Online: this instance has an open stream of the zone and heard from it (stream open or
 * heartbeat) within the timeout, or the stored insight has another instance's open subscription and
 * a heartbeat within the timeout.
 */
public final class ZoneInsights {

  static final int MAX_SUBSCRIPTIONS = 10;
  private static final Logger log = LoggerFactory.getLogger(ZoneInsights.class);

  private final ResourceStore store;
  private final ResourceView view;
  private final String instanceId;
  private final InstantSource clock;
  private final Duration timeout;
  private final Map<String, ZoneState> zones = new ConcurrentHashMap<>();

  /** What this instance knows of one zone. Guarded by its own monitor. */
  private static final class ZoneState {
    final Deque<Subscription> subscriptions = new ArrayDeque<>();
    Subscription current;
    Instant lastSeen = Instant.EPOCH;
    int openStreams;
    boolean dirty;
  }

  public ZoneInsights(
      ResourceStore store,
      ResourceView view,
      String instanceId,
      InstantSource clock,
      Duration timeout) {
    this.store = store;
    this.view = view;
    this.instanceId = instanceId;
    this.clock = clock;
    this.timeout = timeout;
  }

  /** Returns the key of a zone's insight. */
  public static ResourceKey keyOf(String zone) {
    return new ResourceKey(ResourceTypes.ZONE_INSIGHT, "", zone);
  }

  /**
   * Records a stream opening. A GlobalToZone stream starts a new subscription; other streams count
   * into the zone's current one.
   *
   * @param zoneVersion the zone CP version from the handshake ({@code ""} if not sent)
   * @param zoneConfig the zone CP config JSON from the handshake ({@code ""} if not sent)
   */
  public StreamStats opened(
      String zone, boolean globalToZone, String zoneVersion, String zoneConfig) {
    ZoneState state = zones.computeIfAbsent(zone, z -> new ZoneState());
    Instant now = clock.instant();
    Subscription own;
    synchronized (state) {
      state.openStreams++;
      state.lastSeen = now;
      state.dirty = true;
      if (globalToZone) {
        own =
            new Subscription(
                UUID.randomUUID().toString(), instanceId, now, zoneVersion, zoneConfig);
        state.subscriptions.addLast(own);
        while (state.subscriptions.size() > MAX_SUBSCRIPTIONS) {
          state.subscriptions.removeFirst();
        }
        state.current = own;
      } else {
        own = null;
      }
    }
    return new StreamStats() {
      private Subscription target() {
        synchronized (state) {
          return own != null ? own : state.current;
        }
      }

      private void count(boolean down, String type, int slot) {
        Subscription s = target();
        if (s != null) {
          s.count(down, type, slot, clock.instant());
          markDirty(state);
        }
      }

      @Override
      public void sent(String type) {
        count(true, type, 0);
      }

      @Override
      public void confirmed(String type, boolean nacked) {
        count(true, type, nacked ? 2 : 1);
      }

      @Override
      public void received(String type) {
        count(false, type, 0);
      }

      @Override
      public void replied(String type, boolean nacked) {
        count(false, type, nacked ? 2 : 1);
      }

      @Override
      public void ended() {
        synchronized (state) {
          state.openStreams--;
          state.dirty = true;
          if (own != null) {
            own.close(clock.instant());
          }
        }
      }
    };
  }

  /** Records a heartbeat. */
  public void heartbeat(String zone) {
    ZoneState state = zones.computeIfAbsent(zone, z -> new ZoneState());
    synchronized (state) {
      state.lastSeen = clock.instant();
      state.dirty = true;
    }
  }

  /** Returns whether the zone is Online (see the class comment). */
  public boolean online(String zone) {
    Instant cutoff = clock.instant().minus(timeout);
    ZoneState state = zones.get(zone);
    if (state != null) {
      synchronized (state) {
        if (state.openStreams > 0 && state.lastSeen.isAfter(cutoff)) {
          return true;
        }
      }
    }
    return view.get(keyOf(zone))
        .map(insight -> onlineElsewhere(insight.spec(), cutoff))
        .orElse(false);
  }

  private boolean onlineElsewhere(JsonNode spec, Instant cutoff) {
    Instant heartbeat = instant(spec.path("healthCheck").path("time").asString(""));
    if (heartbeat == null || !heartbeat.isAfter(cutoff)) {
      return false;
    }
    for (JsonNode sub : spec.path("subscriptions")) {
      if (!sub.has("disconnectTime")
          && !instanceId.equals(sub.path("globalInstanceId").asString(""))) {
        return true;
      }
    }
    return false;
  }

  /** Returns the zone's insight as this instance would write it now (stored merged with local). */
  public Optional<ObjectNode> current(String zone) {
    ZoneState state = zones.get(zone);
    Optional<Resource> stored = view.get(keyOf(zone));
    if (state == null) {
      return stored.map(r -> r.spec() instanceof ObjectNode o ? o : null);
    }
    return Optional.of(merge(state, stored.map(Resource::spec).orElse(null)));
  }

  /** Writes the insight of every zone whose state changed since the last flush. */
  public void flush() {
    zones.forEach((zone, state) -> {
      synchronized (state) {
        if (!state.dirty) {
          return;
        }
        state.dirty = false;
      }
      if (view.get(ZoneRegistry.keyOf(zone)).isEmpty()) {
        return; // the Zone was deleted (or not created yet): nothing to own the insight
      }
      ObjectNode spec = merge(state, view.get(keyOf(zone)).map(Resource::spec).orElse(null));
      try {
        store.applyAll(
            List.of(
                new ResourceWrite.Put(
                    Resource.of(keyOf(zone), Map.of(), spec), ZoneRegistry.keyOf(zone))));
      } catch (StoreException e) {
        log.warn("could not write the insight of zone {}: {}", zone, e.getMessage());
        markDirty(state);
      }
    });
  }

  private static void markDirty(ZoneState state) {
    synchronized (state) {
      state.dirty = true;
    }
  }

  private ObjectNode merge(ZoneState state, JsonNode stored) {
    List<ObjectNode> local;
    Instant lastSeen;
    synchronized (state) {
      local = state.subscriptions.stream().map(Subscription::toJson).toList();
      lastSeen = state.lastSeen;
    }
    Set<String> ids = local.stream().map(s -> s.get("id").asString()).collect(Collectors.toSet());
    Instant newestLocal =
        local.stream()
            .map(s -> instant(s.get("connectTime").asString()))
            .max(Comparator.naturalOrder())
            .orElse(Instant.EPOCH);
    List<ObjectNode> all = new ArrayList<>();
    if (stored != null) {
      for (JsonNode sub : stored.path("subscriptions")) {
        if (sub instanceof ObjectNode o
            && !ids.contains(o.path("id").asString(""))
            && !instanceId.equals(o.path("globalInstanceId").asString(""))) {
          ObjectNode copy = o.deepCopy();
          Instant connected = instant(copy.path("connectTime").asString(""));
          if (!copy.has("disconnectTime") && connected != null && connected.isBefore(newestLocal)) {
            copy.put("disconnectTime", newestLocal.toString());
          }
          all.add(copy);
        }
      }
    }
    all.addAll(local);
    all.sort(Comparator.comparing(s -> s.path("connectTime").asString("")));
    ArrayNode subscriptions = JsonNodeFactory.instance.arrayNode();
    all.subList(Math.max(0, all.size() - MAX_SUBSCRIPTIONS), all.size())
        .forEach(subscriptions::add);
    Instant heartbeat = lastSeen;
    if (stored != null) {
      Instant storedBeat = instant(stored.path("healthCheck").path("time").asString(""));
      if (storedBeat != null && storedBeat.isAfter(heartbeat)) {
        heartbeat = storedBeat;
      }
    }
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    spec.set("subscriptions", subscriptions);
    spec.putObject("healthCheck").put("time", heartbeat.toString());
    spec.put("authenticationType", "zoneToken");
    return spec;
  }

  private static Instant instant(String text) {
    try {
      return text.isEmpty() ? null : Instant.parse(text);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
