/**
 * The PostgreSQL implementation of the resource store: {@link
 * io.meshforge.store.postgres.PostgresResourceStore}, its change feed {@link
 * io.meshforge.store.postgres.PostgresChangeFeed}, the leader lease {@link
 * io.meshforge.store.postgres.PostgresLeaderElection}, the store's epoch {@link
 * io.meshforge.store.postgres.PostgresStoreIdentity}, the schema migrator and the embedded database
 * used when no database URL is configured. No Spring: everything takes a plain {@link
 * javax.sql.DataSource}.
 */
package io.meshforge.store.postgres;
