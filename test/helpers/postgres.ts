/**
 * A real, throwaway PostgreSQL 15 for tests: the store's local server (src/engine/store/local-postgres.ts, as
 * `mmops demo` runs it) on a free loopback port with fsync off, plus a query helper and a seeded
 * `predictions` table for the market-maker guide's request-volume query. A missing binary throws: never a
 * skip.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { type LocalPostgres, startLocalPostgres } from '../../src/engine/index.js';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A running test database. */
export interface TestPostgres extends LocalPostgres {
  /** Runs SQL as the superuser. */
  query(text: string, values?: unknown[]): Promise<pg.QueryResult>;
}

/** How to start it. */
export interface PostgresOptions {
  /** Seed the runbook tests' small `predictions` table. Default true. */
  seed?: boolean;
  /** Require this password over TCP (scram-sha-256) instead of trusting every connection. */
  password?: string;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts PostgreSQL and seeds `predictions`; throws when the binaries are missing. */
export async function startPostgres(opts: PostgresOptions = {}): Promise<TestPostgres> {
  for (const b of ['initdb', 'postgres']) {
    if (!existsSync(join(BIN, b))) {
      throw new Error(
        `${join(BIN, b)} is missing: install the Debian package postgresql-15 (CI never skips)`,
      );
    }
  }
  const server = await startLocalPostgres({
    bin: BIN,
    port: await freePort(),
    ...(opts.password !== undefined ? { password: opts.password } : {}),
    settings: { fsync: 'off', shared_buffers: '16MB' },
  });
  const query = async (text: string, values?: unknown[]) => {
    const c = new pg.Client({ connectionString: server.url });
    await c.connect();
    try {
      return await c.query(text, values);
    } finally {
      await c.end();
    }
  };
  try {
    if (opts.seed ?? true) await seed(query);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return { ...server, query };
}

// 12 minutes of predictions, (minute index + 1) rows in each, the newest minute the busiest.
async function seed(query: TestPostgres['query']): Promise<void> {
  await query(`CREATE TABLE predictions (
    id serial PRIMARY KEY,
    "timestamp" timestamptz NOT NULL,
    model text NOT NULL DEFAULT 'mm-v1',
    latency_seconds double precision
  )`);
  await query(`INSERT INTO predictions ("timestamp", latency_seconds)
    SELECT date_trunc('minute', now()) - make_interval(mins => m), 0.05
    FROM generate_series(0, 11) AS m, LATERAL generate_series(1, 12 - m) AS n`);
}
