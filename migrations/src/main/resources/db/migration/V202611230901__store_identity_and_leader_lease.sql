-- One row: the epoch of this database, created with it. A control plane that remembers another
-- epoch is looking at a different (or restored) database and must not delete on its behalf.
CREATE TABLE store_identity (
    singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    epoch         uuid NOT NULL DEFAULT gen_random_uuid(),
    creation_time timestamptz NOT NULL DEFAULT now()
);
INSERT INTO store_identity DEFAULT VALUES;

-- Leases for work that must run once per control-plane group (zone KDS client, GC, status).
CREATE TABLE leader_lease (
    name           text PRIMARY KEY,
    owner          text NOT NULL,
    expiry         timestamptz NOT NULL,
    heartbeat      timestamptz NOT NULL,
    record_version bigint NOT NULL DEFAULT 1
);
