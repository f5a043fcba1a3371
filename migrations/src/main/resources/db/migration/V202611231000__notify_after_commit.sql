-- The change-log trigger no longer sends the NOTIFY; PostgresResourceStore sends it after commit.
-- Why: PostgreSQL serialises every committing transaction that has NOTIFYed (a lock on the
-- database object, held until after the commit record is flushed, keeps the notification queue in
-- commit order). With the NOTIFY inside each write, concurrent writers committed one WAL flush at
-- a time and never shared one (B4: most samples of waiting writers were on that lock). The store's
-- notification runs in its own transaction with synchronous_commit off, so it holds that lock only
-- for an instant; a write by any other path is still picked up by the feed's poll.
CREATE OR REPLACE FUNCTION resources_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO resource_changes (type, mesh, name, operation, version)
        VALUES (OLD.type, OLD.mesh, OLD.name, 'DELETE', OLD.version);
    ELSE
        INSERT INTO resource_changes (type, mesh, name, operation, version)
        VALUES (NEW.type, NEW.mesh, NEW.name,
                CASE TG_OP WHEN 'INSERT' THEN 'CREATE' ELSE 'UPDATE' END, NEW.version);
    END IF;
    RETURN NULL;
END
$$;
