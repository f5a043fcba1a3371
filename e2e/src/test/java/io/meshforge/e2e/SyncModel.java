package io.meshforge.e2e;

import static io.meshforge.e2e.StoreView.key;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The model of the model-based sync test: what global and every zone must hold in the test's mesh
 * once everything quiesced, kept as {@link StoreView} entries. Global's policies reach every zone;
 * a zone's Dataplanes and policies reach global and never another zone.
 *
 * <p>It also picks the next operation from a seeded {@link Random}, so a failing sequence is
 * reproduced by its seed.
 */
final class SyncModel {
  /** One operation on one control plane's REST API. */
  record Op(String where, String kind, String path, String yaml, String key, int value) {
    boolean isDelete() {
      return yaml == null;
    }

    @Override
    public String toString() {
      return where + " " + kind + " " + key + (isDelete() ? "" : "=" + value);
    }
  }

  private final String mesh;
  private final Random random;
  private final Map<String, Integer> global = new TreeMap<>();
  private final Map<String, Map<String, Integer>> zones = new TreeMap<>();
  private int counter;

  SyncModel(String mesh, long seed, List<String> zoneNames) {
    this.mesh = mesh;
    this.random = new Random(seed);
    zoneNames.forEach(z -> zones.put(z, new TreeMap<>()));
  }

  Random random() {
    return random;
  }

  /** A random create, update or delete: of a policy on global, or of a zone's own resource. */
  Op next() {
    if (random.nextBoolean()) {
      return nextOn("global", global, "MeshTimeout", "gp");
    }
    List<String> names = new ArrayList<>(zones.keySet());
    String zone = names.get(random.nextInt(names.size()));
    boolean policy = random.nextBoolean();
    return nextOn(
        zone, zones.get(zone), policy ? "MeshTimeout" : "Dataplane", policy ? "zp" : "dp");
  }

  /** Records an operation the API answered 2xx. */
  void applied(Op op) {
    Map<String, Integer> store = "global".equals(op.where()) ? global : zones.get(op.where());
    if (op.isDelete()) {
      store.remove(op.key());
    } else {
      store.put(op.key(), op.value());
    }
  }

  /** What global must hold: its policies and every zone's resources. */
  Map<String, Integer> expectedOnGlobal() {
    Map<String, Integer> all = new TreeMap<>(global);
    zones.values().forEach(all::putAll);
    return all;
  }

  /** What a zone must hold: global's policies and its own resources. */
  Map<String, Integer> expectedIn(String zone) {
    Map<String, Integer> all = new TreeMap<>(global);
    all.putAll(zones.get(zone));
    return all;
  }

  private Op nextOn(String where, Map<String, Integer> store, String type, String prefix) {
    List<String> existing =
        store.keySet().stream().filter(k -> k.startsWith(type + "/")).sorted().toList();
    int dice = random.nextInt(10);
    int value = 1 + random.nextInt(60);
    if (existing.isEmpty() || dice < 5) {
      String name = prefix + "-" + where + "-" + counter++;
      return write(where, "create", type, name, value);
    }
    String key = existing.get(random.nextInt(existing.size()));
    String name = key.substring(key.lastIndexOf('/') + 1);
    if (dice < 8) {
      return write(where, "update", type, name, value);
    }
    return new Op(where, "delete", path(type, name), null, key, 0);
  }

  private Op write(String where, String kind, String type, String name, int value) {
    String owner = "global".equals(where) ? "global" : where;
    String yaml =
        "MeshTimeout".equals(type)
            ? Resources.timeout(mesh, name, value)
            : Resources.dataplane(mesh, name, 1000 + value);
    return new Op(
        where,
        kind,
        path(type, name),
        yaml,
        key(type, owner, name),
        "MeshTimeout".equals(type) ? value : 1000 + value);
  }

  private String path(String type, String name) {
    return "MeshTimeout".equals(type)
        ? Resources.timeoutPath(mesh, name)
        : Resources.dataplanePath(mesh, name);
  }
}
