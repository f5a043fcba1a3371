package io.meshforge.store.postgres;

import static io.meshforge.store.postgres.jooq.Tables.RESOURCES;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.store.OwnerNotFoundException;
import io.meshforge.model.store.ResourceAlreadyExistsException;
import io.meshforge.model.store.ResourceConflictException;
import io.meshforge.model.store.ResourceNotFoundException;
import io.meshforge.model.store.ResourcePage;
import io.meshforge.model.store.ResourceQuery;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceWrite;
import io.meshforge.store.postgres.jooq.tables.records.ResourcesRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * {@code PostgresResourceStore} keeps resources in the generic {@code resources} table.
 *
 * <p>Every single write is one autocommitted statement, so it is atomic: the change-log row written
 * by the table's trigger and the cascaded deletes commit with it or not at all; a batch ({@link
 * #applyAll}) is one transaction of a few multi-row statements. Updates are a compare-and-swap
 * ({@code UPDATE ... WHERE version = ?}); under READ COMMITTED a concurrent update makes PostgreSQL
 * re-check the condition on the newest row version, so exactly one of several writers holding the
 * same version wins. Timestamps come from the database clock (transaction start), so several
 * control-plane instances agree on them.
 *
 * <p>After each committed write it has a {@link ChangeNotifier} wake the change feeds (the table's
 * trigger writes the change log but does not NOTIFY, so that commits are not serialised).
 *
 * <p>Thread-safe; give it a pooled {@link DataSource} (each operation borrows one connection, and
 * the notifier briefly borrows one per burst of writes).
 */
public final class PostgresResourceStore implements ResourceStore {

  static {
    // jOOQ prints a banner and tips on first use; a control plane's log is not the place.
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }

  /*
   * The two hot writes skip jOOQ: rendering a statement and mapping its record cost about as much
   * JVM CPU as the rest of a write together (B4 profile), and their SQL never varies. pgjdbc
   * prepares repeated SQL server-side per connection, so only the bind values travel.
   */
  private static final String RETURNED =
      " RETURNING labels, spec, status, version, creation_time, modification_time";
  private static final String INSERT =
      "INSERT INTO resources (spec, labels, status, type, mesh, name, version)"
          + " VALUES (CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, ?, 1)"
          + RETURNED;
  private static final String UPDATE =
      "UPDATE resources SET spec = CAST(? AS jsonb), labels = CAST(? AS jsonb),"
          + " status = CAST(? AS jsonb), version = version + 1, modification_time = now()"
          + " WHERE type = ? AND mesh = ? AND name = ? AND version = ?"
          + RETURNED;

  private final DataSource dataSource;
  private final DSLContext db;
  private final ChangeNotifier notifier;

  /**
   * Returns a store over a data source whose database is migrated, whose writes wake this process's
   * feeds only through NOTIFY (for tools and tests; control planes share a {@link ChangeSignal}
   * with their feed).
   */
  public PostgresResourceStore(DataSource dataSource) {
    this(dataSource, new ChangeSignal());
  }

  /**
   * Returns a store over a data source whose database is migrated.
   *
   * @param signal raised after each committed write; give the same one to this process's {@link
   *     PostgresChangeFeed}
   */
  public PostgresResourceStore(DataSource dataSource, ChangeSignal signal) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.db =
        DSL.using(
            dataSource,
            SQLDialect.POSTGRES,
            // jOOQ's execute logging wraps every statement in a listener even when nothing logs.
            new Settings().withExecuteLogging(false));
    this.notifier = new ChangeNotifier(dataSource, signal);
  }

  @Override
  public Optional<Resource> get(ResourceKey key) {
    return run(
        "get " + key,
        () -> db.selectFrom(RESOURCES).where(is(key)).fetchOptional().map(r -> toResource(key, r)));
  }

  @Override
  public ResourcePage list(ResourceQuery query) {
    int offset = parseOffset(query.offset());
    Condition where = matching(query);
    return run(
        "list " + query.type(),
        () -> {
          long total = db.fetchCount(RESOURCES, where);
          var select =
              db.selectFrom(RESOURCES).where(where).orderBy(RESOURCES.MESH, RESOURCES.NAME);
          List<ResourcesRecord> rows =
              query.size() == 0
                  ? select.offset(offset).fetch()
                  : select.limit(query.size()).offset(offset).fetch();
          List<Resource> items = new ArrayList<>(rows.size());
          for (ResourcesRecord row : rows) {
            items.add(toResource(new ResourceKey(query.type(), row.getMesh(), row.getName()), row));
          }
          long end = (long) offset + items.size();
          String next = query.size() != 0 && end < total ? Long.toString(end) : null;
          return new ResourcePage(items, total, next);
        });
  }

  @Override
  public Resource create(Resource resource) {
    if (resource.version() != 0) {
      throw new IllegalArgumentException("a new resource must have version 0: " + resource.key());
    }
    ResourceKey key = resource.key();
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(INSERT)) {
      bindContent(st, 1, resource);
      bindKey(st, 4, key);
      try (ResultSet rs = st.executeQuery()) {
        // Committed (autocommit): wake the feeds first, then decode what RETURNING gave back.
        notifier.changed();
        rs.next();
        return stored(key, rs);
      }
    } catch (SQLException e) {
      switch (StoreFailures.sqlState(e)) {
        case StoreFailures.UNIQUE_VIOLATION ->
            throw new ResourceAlreadyExistsException(key + " already exists");
        case StoreFailures.FOREIGN_KEY_VIOLATION ->
            throw new OwnerNotFoundException(
                "mesh " + key.mesh() + " does not exist (" + key + ")");
        default -> throw StoreFailures.generic("create " + key, e);
      }
    }
  }

  @Override
  public Resource update(Resource resource) {
    ResourceKey key = resource.key();
    Optional<Resource> updated;
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(UPDATE)) {
      bindContent(st, 1, resource);
      bindKey(st, 4, key);
      st.setLong(7, resource.version());
      try (ResultSet rs = st.executeQuery()) {
        if (rs.next()) {
          // Committed (autocommit): wake the feeds first, then decode what RETURNING gave back.
          notifier.changed();
          // What the database stored (jsonb normalises numbers and key order), as get returns it.
          updated = Optional.of(stored(key, rs));
        } else {
          updated = Optional.empty();
        }
      }
    } catch (SQLException e) {
      throw StoreFailures.generic("update " + key, e);
    }
    if (updated.isPresent()) {
      return updated.get();
    }
    Optional<Long> current =
        run(
            "update " + key,
            () ->
                db.select(RESOURCES.VERSION)
                    .from(RESOURCES)
                    .where(is(key))
                    .fetchOptional()
                    .map(r -> r.value1()));
    if (current.isEmpty()) {
      throw new ResourceNotFoundException(key + " does not exist");
    }
    throw new ResourceConflictException(
        key
            + " was changed concurrently: version "
            + resource.version()
            + " is stale, stored is "
            + current.get());
  }

  @Override
  public void delete(ResourceKey key) {
    int deleted = run("delete " + key, () -> db.deleteFrom(RESOURCES).where(is(key)).execute());
    if (deleted == 0) {
      throw new ResourceNotFoundException(key + " does not exist");
    }
    notifier.changed();
  }

  @Override
  public void delete(ResourceKey key, long version) {
    // One statement: the version check and the delete (with its cascade) commit together.
    int deleted =
        run(
            "delete " + key,
            () ->
                db.deleteFrom(RESOURCES)
                    .where(is(key))
                    .and(RESOURCES.VERSION.eq(version))
                    .execute());
    if (deleted == 1) {
      notifier.changed();
      return;
    }
    Optional<Long> current =
        run(
            "delete " + key,
            () ->
                db.select(RESOURCES.VERSION)
                    .from(RESOURCES)
                    .where(is(key))
                    .fetchOptional()
                    .map(r -> r.value1()));
    if (current.isEmpty()) {
      throw new ResourceNotFoundException(key + " does not exist");
    }
    throw new ResourceConflictException(
        key
            + " was changed concurrently: version "
            + version
            + " is stale, stored is "
            + current.get());
  }

  /**
   * {@inheritDoc}
   *
   * <p>In one transaction on one connection, in a few statements ({@link BulkResourceWriter}).
   */
  @Override
  public List<Resource> applyAll(List<ResourceWrite> writes) {
    if (writes.isEmpty()) {
      return List.of();
    }
    List<Resource> written;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        written = BulkResourceWriter.apply(c, writes);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollback(c, e);
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      if (StoreFailures.sqlState(e).equals(StoreFailures.FOREIGN_KEY_VIOLATION)) {
        throw new OwnerNotFoundException(
            "a put's mesh or owner does not exist; nothing of the batch was applied");
      }
      throw StoreFailures.generic("apply a batch of " + writes.size() + " writes", e);
    }
    notifier.changed();
    return written;
  }

  /** Rolls back after {@code failure}; a failing rollback is recorded on it, not thrown. */
  private static void rollback(Connection c, Exception failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static <T> T run(String what, Supplier<T> operation) {
    try {
      return operation.get();
    } catch (DataAccessException e) {
      throw StoreFailures.generic(what, e);
    }
  }

  private static Condition is(ResourceKey key) {
    return RESOURCES
        .TYPE
        .eq(key.type().name())
        .and(RESOURCES.MESH.eq(key.mesh()))
        .and(RESOURCES.NAME.eq(key.name()));
  }

  private static Condition matching(ResourceQuery query) {
    Condition where = RESOURCES.TYPE.eq(query.type().name());
    if (query.mesh() != null && query.type().meshScoped()) {
      where = where.and(RESOURCES.MESH.eq(query.mesh()));
    }
    if (!query.labels().isEmpty()) {
      where =
          where.and(
              DSL.condition(
                  "{0} @> {1}", RESOURCES.LABELS, DSL.val(ResourceRows.labels(query.labels()))));
    }
    if (query.nameContains() != null && !query.nameContains().isEmpty()) {
      // strpos, not LIKE: no wildcard escaping to get wrong.
      where = where.and(DSL.position(RESOURCES.NAME, query.nameContains()).gt(0));
    }
    return where;
  }

  private static int parseOffset(String offset) {
    if (offset == null || offset.isEmpty()) {
      return 0;
    }
    try {
      int value = Integer.parseInt(offset);
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("invalid page offset: " + offset);
  }

  /** Binds spec, labels and status at {@code first}, {@code first + 1} and {@code first + 2}. */
  private static void bindContent(PreparedStatement st, int first, Resource resource)
      throws SQLException {
    st.setString(first, ResourceRows.jsonText(resource.spec()));
    st.setString(first + 1, ResourceRows.jsonText(resource.labels()));
    st.setString(first + 2, ResourceRows.jsonText(resource.status()));
  }

  /** Binds type, mesh and name at {@code first}, {@code first + 1} and {@code first + 2}. */
  private static void bindKey(PreparedStatement st, int first, ResourceKey key)
      throws SQLException {
    st.setString(first, key.type().name());
    st.setString(first + 1, key.mesh());
    st.setString(first + 2, key.name());
  }

  /** Maps a row of {@link #RETURNED} columns. */
  private static Resource stored(ResourceKey key, ResultSet rs) throws SQLException {
    return ResourceRows.resource(
        key,
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getLong(4),
        rs.getObject(5, OffsetDateTime.class),
        rs.getObject(6, OffsetDateTime.class));
  }

  private static Resource toResource(ResourceKey key, ResourcesRecord row) {
    return ResourceRows.resource(
        key,
        row.getLabels(),
        row.getSpec(),
        row.getStatus(),
        row.getVersion(),
        row.getCreationTime(),
        row.getModificationTime());
  }
}
