/** Applies the store's schema versions that a database lacks: idempotent, safe for engines starting together. */
import type pg from 'pg';
import { MIGRATIONS, type Migration, SCHEMA_LOCK } from './migrations.js';

/** What a migrate run did. */
export interface MigrateResult {
  /** Versions applied by this run, oldest first. */
  applied: number[];
  /** The schema version the database is at now. */
  version: number;
}

/**
 * Runs every missing migration, each in its own transaction with its schema_migrations row, under an
 * advisory lock: a second engine starting at the same moment waits, then finds nothing left to do.
 */
export async function migrate(
  client: pg.ClientBase,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrateResult> {
  await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          m.version,
          m.name,
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw new Error(`schema version ${m.version} (${m.name}) failed: ${(err as Error).message}`);
      }
      applied.push(m.version);
    }
    const version = Math.max(0, ...done, ...applied);
    return { applied, version };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]).catch(() => {});
  }
}
