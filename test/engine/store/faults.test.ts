/**
 * The store's faults against a real PostgreSQL 15 that requires a password: a malformed, unreachable or
 * wrongly credentialled DATABASE_URL is said at start (never the password) while ingest goes on and /health
 * says the store is down; PostgreSQL killed during ingest and restarted ends with every acknowledged record
 * stored exactly once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../../src/engine/index.js';
import { freePort, startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { getJson, records, send, tempDir } from '../helpers/engine.js';
import { storeEngine, until } from './store-helpers.js';

const PASSWORD = 'pg-secret-7731';
let db: TestPostgres;
const cleanup: (() => Promise<void> | void)[] = [];
beforeAll(async () => {
  db = await startPostgres({ seed: false, password: PASSWORD });
});
afterAll(async () => {
  await db?.stop();
});
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function engineWith(url: string, lines: string[]): Promise<{ engine: RunningEngine; dir: string }> {
  const tmp = tempDir();
  const engine = await storeEngine(tmp.dir, url, lines);
  cleanup.push(tmp.remove, () => engine.close());
  return { engine, dir: tmp.dir };
}

type Checks = Record<string, { status: string; message: string }>;

describe('a DATABASE_URL that does not work', () => {
  const cases = async () => {
    const closed = await freePort();
    return [
      { name: 'malformed', url: `postgres//postgres:${PASSWORD}@127.0.0.1:${db.port}`, says: /is malformed/ },
      {
        name: 'unreachable',
        url: `postgres://postgres:${PASSWORD}@127.0.0.1:${closed}/postgres`,
        says: /ECONNREFUSED/,
      },
      {
        name: 'wrong credentials',
        url: `postgres://postgres:${PASSWORD}-wrong@127.0.0.1:${db.port}/postgres`,
        says: /password authentication failed/,
      },
    ];
  };

  it('is said at start without the password; ingest goes on and /health says the store is down', async () => {
    for (const c of await cases()) {
      const lines: string[] = [];
      const { engine } = await engineWith(c.url, lines);
      const said = await until(
        async () => lines.filter((l) => l.startsWith('store:')).join('\n'),
        (t) => c.says.test(t),
      );
      expect(said, c.name).not.toContain(PASSWORD);
      expect(said, c.name).toContain(':***@');
      const r = await send(
        `${engine.url}/api/v1/predictions`,
        JSON.stringify(records(20, { prefix: c.name })),
      );
      expect(r, c.name).toEqual({ status: 200, json: { accepted: 20 } });
      const h = await getJson(`${engine.url}/health`);
      const store = (h.json.checks as Checks).store!;
      expect(store.status, c.name).toBe('warn');
      expect(store.message, c.name).toMatch(/^down: /);
      expect(JSON.stringify(h.json), c.name).not.toContain(PASSWORD);
      const metrics = await (await fetch(`${engine.url}/metrics`)).text();
      expect(metrics, c.name).toMatch(/^market_master_store_up 0$/m);
    }
  });
});

describe('PostgreSQL killed during ingest', () => {
  it('stores every acknowledged record exactly once after it restarts', async () => {
    const lines: string[] = [];
    const { engine, dir } = await engineWith(db.url, lines);
    const source = () => readFileSync(join(dir, 'store-source'), 'utf8').trim();
    const stored = async () => {
      try {
        const r = await db.query(
          'SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM predictions WHERE source = $1',
          [source()],
        );
        return r.rows[0] as { n: number; ids: number };
      } catch {
        return { n: -1, ids: -1 };
      }
    };
    await until(
      () => getJson(`${engine.url}/health`),
      (h) => (h.json.checks as Checks).store?.status === 'ok',
    );
    const acked: string[] = [];
    let killed = false;
    // 60 batches of 25: PostgreSQL is killed after the 20th and restarted after the 40th
    for (let b = 0; b < 60; b++) {
      const batch = records(25, { prefix: `k${b}` });
      const r = await send(`${engine.url}/api/v1/predictions`, JSON.stringify(batch));
      expect(r.status).toBe(200);
      acked.push(...batch.map((x) => x.id));
      if (b === 20) {
        await db.kill();
        killed = true;
      }
      if (b === 40) {
        // the writer notices at its next write (a collection interval on): wait for it, whatever the load
        await until(
          () => getJson(`${engine.url}/health`),
          (h) => /^down: /.test((h.json.checks as Checks).store?.message ?? ''),
        );
        await db.restart();
      }
    }
    expect(killed).toBe(true);
    const final = await until(stored, (s) => s.n >= acked.length, 60_000);
    expect(final).toEqual({ n: acked.length, ids: acked.length });
    const missing = await db.query(
      'SELECT count(*)::int AS n FROM unnest($1::text[]) AS a(id) WHERE NOT EXISTS (SELECT 1 FROM predictions p WHERE p.source = $2 AND p.id = a.id)',
      [acked, source()],
    );
    expect(missing.rows[0].n).toBe(0);
    expect(lines.join('\n')).toMatch(/store: PostgreSQL unavailable/);
    expect(lines.join('\n')).not.toContain(PASSWORD);
  }, 120_000);
});
