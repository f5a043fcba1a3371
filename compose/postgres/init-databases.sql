-- Runs once, when the postgres volume is new (the official image's /docker-entrypoint-initdb.d).
-- POSTGRES_DB creates global's database; each zone control plane gets its own.
CREATE DATABASE meshforge_east OWNER meshforge;
CREATE DATABASE meshforge_west OWNER meshforge;
