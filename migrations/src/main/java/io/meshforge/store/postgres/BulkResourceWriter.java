package io.meshforge.store.postgres;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.store.ResourceWrite;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code BulkResourceWriter} applies a store batch ({@link ResourceWrite}s) on one connection
 * inside the caller's transaction, in a few statements instead of one per resource: each run of
 * consecutive puts is one multi-row upsert (plus one read of the rows it left unchanged), each run
 * of consecutive removes one multi-row delete. A run ends where the kind changes or a key repeats,
 * so the batch's order still decides the outcome (a remove then a put of the same key, a Mesh put
 * before the resources in it).
 *
 * <p>Why not one statement per resource: a zone's complete state of 1,000 Dataplanes was 1,000
 * round trips holding a pool connection (B6); here it is one or two.
 *
 * <p>Rows of one run are written in key order, so two transactions writing overlapping batches (a
 * zone's state resent on a new stream while the old one's is still running) lock rows in the same
 * order and wait for each other instead of deadlocking.
 *
 * <p>Stateless; the connection is confined to the calling thread.
 */
final class BulkResourceWriter {

  private static final String RETURNED =
      " type, mesh, name, labels, spec, status, version, creation_time, modification_time";

  /*
   * An unchanged put updates nothing (the WHERE of DO UPDATE), so it keeps its version and writes
   * no change-log row, as the single-row path did; RETURNING then leaves it out.
   */
  private static final String UPSERT =
      "INSERT INTO resources"
          + " (type, mesh, name, version, spec, labels, status, owner_type, owner_mesh, owner_name)"
          + " SELECT u.t, u.m, u.n, 1, CAST(u.s AS jsonb), CAST(u.l AS jsonb), CAST(u.st AS jsonb),"
          + " u.ot, u.om, u.onm"
          + " FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),"
          + " CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),"
          + " CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))"
          + " AS u(t, m, n, s, l, st, ot, om, onm)"
          + " ON CONFLICT (type, mesh, name) DO UPDATE SET spec = EXCLUDED.spec,"
          + " labels = EXCLUDED.labels, status = EXCLUDED.status,"
          + " owner_type = EXCLUDED.owner_type, owner_mesh = EXCLUDED.owner_mesh,"
          + " owner_name = EXCLUDED.owner_name, version = resources.version + 1,"
          + " modification_time = now()"
          + " WHERE (resources.spec, resources.labels, resources.status, resources.owner_type,"
          + " resources.owner_mesh, resources.owner_name) IS DISTINCT FROM (EXCLUDED.spec,"
          + " EXCLUDED.labels, EXCLUDED.status, EXCLUDED.owner_type, EXCLUDED.owner_mesh,"
          + " EXCLUDED.owner_name)"
          + " RETURNING"
          + RETURNED;
  private static final String SELECT =
      "SELECT"
          + RETURNED
          + " FROM resources r JOIN unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))"
          + " AS k(t, m, n) ON r.type = k.t AND r.mesh = k.m AND r.name = k.n";
  private static final String DELETE =
      "DELETE FROM resources r"
          + " USING unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[])) AS k(t, m, n)"
          + " WHERE r.type = k.t AND r.mesh = k.m AND r.name = k.n";

  private static final Comparator<ResourceKey> KEY_ORDER =
      Comparator.comparing((ResourceKey k) -> k.type().name())
          .thenComparing(ResourceKey::mesh)
          .thenComparing(ResourceKey::name);

  private BulkResourceWriter() {}

  /**
   * Applies {@code writes} in order on {@code connection} (whose transaction the caller owns).
   *
   * @return the stored resource of every put, in batch order
   */
  static List<Resource> apply(Connection connection, List<ResourceWrite> writes)
      throws SQLException {
    List<Resource> stored = new ArrayList<>();
    // The current run: its writes by key, and for a put run each key's slot in stored.
    Map<ResourceKey, ResourceWrite> run = new HashMap<>();
    Map<ResourceKey, Integer> slots = new HashMap<>();
    boolean putRun = false;
    for (ResourceWrite write : writes) {
      boolean put = write instanceof ResourceWrite.Put;
      ResourceKey key = key(write);
      if (!run.isEmpty() && (put != putRun || run.containsKey(key))) {
        flush(connection, run, slots, stored);
      }
      putRun = put;
      run.put(key, write);
      if (put) {
        slots.put(key, stored.size());
        stored.add(null); // filled by flush
      }
    }
    if (!run.isEmpty()) {
      flush(connection, run, slots, stored);
    }
    return stored;
  }

  private static ResourceKey key(ResourceWrite write) {
    return switch (write) {
      case ResourceWrite.Put put -> put.key();
      case ResourceWrite.Remove remove -> remove.key();
    };
  }

  /** Writes one run (all puts or all removes) and empties it; puts fill their slots. */
  private static void flush(
      Connection connection,
      Map<ResourceKey, ResourceWrite> run,
      Map<ResourceKey, Integer> slots,
      List<Resource> stored)
      throws SQLException {
    List<ResourceKey> keys = new ArrayList<>(run.keySet());
    keys.sort(KEY_ORDER);
    if (slots.isEmpty()) {
      delete(connection, keys);
    } else {
      Map<ResourceKey, Resource> written = upsert(connection, keys, run);
      for (ResourceKey key : keys) {
        stored.set(slots.get(key), written.get(key));
      }
    }
    run.clear();
    slots.clear();
  }

  private static Map<ResourceKey, Resource> upsert(
      Connection connection, List<ResourceKey> keys, Map<ResourceKey, ResourceWrite> puts)
      throws SQLException {
    int n = keys.size();
    String[][] columns = new String[9][n];
    for (int i = 0; i < n; i++) {
      ResourceWrite.Put put = (ResourceWrite.Put) puts.get(keys.get(i));
      Resource resource = put.resource();
      ResourceKey owner = put.owner();
      columns[0][i] = keys.get(i).type().name();
      columns[1][i] = keys.get(i).mesh();
      columns[2][i] = keys.get(i).name();
      columns[3][i] = ResourceRows.jsonText(resource.spec());
      columns[4][i] = ResourceRows.jsonText(resource.labels());
      columns[5][i] = ResourceRows.jsonText(resource.status());
      columns[6][i] = owner == null ? null : owner.type().name();
      columns[7][i] = owner == null ? null : owner.mesh();
      columns[8][i] = owner == null ? null : owner.name();
    }
    Map<ResourceKey, Resource> written = new HashMap<>();
    try (PreparedStatement st = connection.prepareStatement(UPSERT)) {
      bindArrays(connection, st, columns);
      read(st, keys, written);
    }
    if (written.size() < n) {
      List<ResourceKey> unchanged = keys.stream().filter(k -> !written.containsKey(k)).toList();
      try (PreparedStatement st = connection.prepareStatement(SELECT)) {
        bindArrays(connection, st, keyColumns(unchanged));
        read(st, unchanged, written);
      }
    }
    return written;
  }

  private static void delete(Connection connection, List<ResourceKey> keys) throws SQLException {
    try (PreparedStatement st = connection.prepareStatement(DELETE)) {
      bindArrays(connection, st, keyColumns(keys));
      st.executeUpdate();
    }
  }

  private static String[][] keyColumns(List<ResourceKey> keys) {
    String[][] columns = new String[3][keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      columns[0][i] = keys.get(i).type().name();
      columns[1][i] = keys.get(i).mesh();
      columns[2][i] = keys.get(i).name();
    }
    return columns;
  }

  private static void bindArrays(Connection connection, PreparedStatement st, String[][] columns)
      throws SQLException {
    for (int i = 0; i < columns.length; i++) {
      Array array = connection.createArrayOf("text", columns[i]);
      st.setArray(i + 1, array);
    }
  }

  /** Maps rows of {@link #RETURNED} columns back to the run's keys. */
  private static void read(
      PreparedStatement st, List<ResourceKey> keys, Map<ResourceKey, Resource> into)
      throws SQLException {
    Map<List<String>, ResourceKey> byColumns = new HashMap<>();
    for (ResourceKey key : keys) {
      byColumns.put(Arrays.asList(key.type().name(), key.mesh(), key.name()), key);
    }
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        ResourceKey key =
            byColumns.get(Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3)));
        into.put(
            key,
            ResourceRows.resource(
                key,
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getLong(7),
                rs.getObject(8, OffsetDateTime.class),
                rs.getObject(9, OffsetDateTime.class)));
      }
    }
  }
}
