/** The prediction store in PostgreSQL: schema, migration, and the writer fed from the event log. */

export { attachStore } from './attach-store.js';
export { checkDatabaseUrl, redactUrl } from './database-url.js';
export { type LocalPostgres, type LocalPostgresOptions, startLocalPostgres } from './local-postgres.js';
export { type MigrateResult, migrate } from './migrate.js';
export { MIGRATIONS } from './migrations.js';
export { connectStore, openClient, openStore, type Store } from './open-store.js';
export { registerStoreMetrics } from './store-metrics.js';
export { storeSource } from './store-source.js';
export { type StoreStatus, storeSettings } from './store-status.js';
export { watchAppends } from './watch-appends.js';
