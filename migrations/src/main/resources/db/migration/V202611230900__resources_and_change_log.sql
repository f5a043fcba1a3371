-- The generic resource table, keyed by (type, mesh, name); mesh is '' for global-scoped types.
-- Keys use the "C" collation so ORDER BY mesh, name matches Java's String ordering everywhere.
CREATE TABLE resources (
    type              text COLLATE "C" NOT NULL,
    mesh              text COLLATE "C" NOT NULL,
    name              text COLLATE "C" NOT NULL,
    version           bigint NOT NULL,
    spec              jsonb NOT NULL DEFAULT '{}'::jsonb,
    labels            jsonb NOT NULL DEFAULT '{}'::jsonb,
    status            jsonb NOT NULL DEFAULT '{}'::jsonb,
    creation_time     timestamptz NOT NULL DEFAULT now(),
    modification_time timestamptz NOT NULL DEFAULT now(),
    -- The Mesh owning a mesh-scoped row, as a key of this table. For global-scoped rows
    -- mesh_owner_name is NULL, and MATCH SIMPLE skips the foreign key check.
    mesh_owner_type   text COLLATE "C" GENERATED ALWAYS AS ('Mesh'::text) STORED,
    mesh_owner_mesh   text COLLATE "C" GENERATED ALWAYS AS (''::text) STORED,
    mesh_owner_name   text COLLATE "C" GENERATED ALWAYS AS (NULLIF(mesh, '')) STORED,
    -- Any other owner (e.g. the Zone that synced this row up to global); all NULL when none.
    owner_type        text COLLATE "C",
    owner_mesh        text COLLATE "C",
    owner_name        text COLLATE "C",
    CONSTRAINT resources_pkey PRIMARY KEY (type, mesh, name),
    CONSTRAINT resources_version_positive CHECK (version > 0),
    CONSTRAINT resources_mesh_owner_fk FOREIGN KEY (mesh_owner_type, mesh_owner_mesh, mesh_owner_name)
        REFERENCES resources (type, mesh, name) MATCH SIMPLE ON DELETE CASCADE,
    CONSTRAINT resources_owner_fk FOREIGN KEY (owner_type, owner_mesh, owner_name)
        REFERENCES resources (type, mesh, name) MATCH SIMPLE ON DELETE CASCADE
);

-- The cascades look rows up by owner.
CREATE INDEX resources_mesh_owner_idx ON resources (mesh_owner_name) WHERE mesh_owner_name IS NOT NULL;
CREATE INDEX resources_owner_idx ON resources (owner_type, owner_mesh, owner_name)
    WHERE owner_name IS NOT NULL;

-- The change log: one row per changed resource row, written by the trigger below in the
-- transaction of the change (cascaded deletes included). Revisions come from a sequence, so they
-- are unique and increasing in allocation order, but a transaction may commit after another one
-- that allocated a higher revision: readers must handle out-of-order visibility.
CREATE TABLE resource_changes (
    revision    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type        text COLLATE "C" NOT NULL,
    mesh        text COLLATE "C" NOT NULL,
    name        text COLLATE "C" NOT NULL,
    operation   text NOT NULL,
    version     bigint NOT NULL,
    change_time timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT resource_changes_operation CHECK (operation IN ('CREATE', 'UPDATE', 'DELETE'))
);

CREATE INDEX resource_changes_time_idx ON resource_changes (change_time);

-- The highest revision pruning has removed; a reader behind it must resync fully.
CREATE TABLE resource_changes_horizon (
    singleton      boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    pruned_through bigint NOT NULL DEFAULT 0
);
INSERT INTO resource_changes_horizon DEFAULT VALUES;

CREATE FUNCTION resources_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO resource_changes (type, mesh, name, operation, version)
        VALUES (OLD.type, OLD.mesh, OLD.name, 'DELETE', OLD.version);
    ELSE
        INSERT INTO resource_changes (type, mesh, name, operation, version)
        VALUES (NEW.type, NEW.mesh, NEW.name,
                CASE TG_OP WHEN 'INSERT' THEN 'CREATE' ELSE 'UPDATE' END, NEW.version);
    END IF;
    -- Payload-free on purpose: PostgreSQL folds identical notifications of one transaction into
    -- one, so a transaction touching many rows still sends a single NOTIFY at commit.
    PERFORM pg_notify('resource_changes', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER resources_log_change
    AFTER INSERT OR UPDATE OR DELETE ON resources
    FOR EACH ROW EXECUTE FUNCTION resources_log_change();
