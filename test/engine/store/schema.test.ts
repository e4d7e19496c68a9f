/**
 * The store's schema against a real PostgreSQL 15: `mmops db migrate` is idempotent, both tables are
 * partitioned by day, partitions are made ahead, and cleanup_old_metrics() drops whole old partitions and
 * says which.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDaysAhead } from '../../../src/engine/store/partitions.js';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { mmops } from '../../helpers/run-cli.js';
import { tempDir } from '../helpers/engine.js';
import { storeEngine, until } from './store-helpers.js';

let db: TestPostgres;
beforeAll(async () => {
  db = await startPostgres({ seed: false });
});
afterAll(async () => {
  await db?.stop();
});

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const partName = (t: string, ms: number) => `${t}_p${isoDay(ms).replaceAll('-', '')}`;

describe('mmops db migrate', () => {
  it('applies version 1 once, then reports the database up to date', async () => {
    const first = await mmops(['db', 'migrate', '--json'], { DATABASE_URL: db.url });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ applied: [1], version: 1 });
    const again = await mmops(['db', 'migrate'], { DATABASE_URL: db.url });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('schema version 1, up to date');
    const rows = (await db.query('SELECT version FROM schema_migrations')).rows;
    expect(rows).toEqual([{ version: 1 }]);
  });

  it('declares predictions and metrics RANGE-partitioned on "timestamp"', async () => {
    const r = await db.query(`SELECT c.relname, pg_get_partkeydef(c.oid) AS key FROM pg_class c
      WHERE c.relname IN ('predictions', 'metrics') ORDER BY 1`);
    expect(r.rows).toEqual([
      { relname: 'metrics', key: 'RANGE ("timestamp")' },
      { relname: 'predictions', key: 'RANGE ("timestamp")' },
    ]);
  });

  it('exits 3 naming the server, never the password, when it cannot connect', async () => {
    const r = await mmops(['db', 'migrate'], { DATABASE_URL: 'postgres://u:hunter22@127.0.0.1:1/x' });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('postgres://u:***@127.0.0.1:1/x');
    expect(r.stderr).not.toContain('hunter22');
  });

  it('exits 2 for a malformed URL', async () => {
    const r = await mmops(['db', 'migrate', '--url', 'mysql://u:hunter22@h/x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is malformed');
    expect(r.stderr).not.toContain('hunter22');
  });
});

describe('partitions', () => {
  it('creates yesterday to three days ahead, once', async () => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const now = Date.now();
      const created = await ensureDaysAhead(c, now);
      expect(created).toContain(partName('predictions', now + 3 * DAY));
      expect(created).toContain(partName('metrics', now - DAY));
      expect(await ensureDaysAhead(c, now)).toEqual([]);
    } finally {
      await c.end();
    }
  });

  it('cleanup_old_metrics() drops whole partitions past the retention and lists them', async () => {
    const old = Date.now() - 40 * DAY;
    await db.query("SELECT mmops_ensure_partitions('predictions', $1::date, $1::date)", [isoDay(old)]);
    await db.query("SELECT mmops_ensure_partitions('metrics', $1::date, $1::date)", [isoDay(old)]);
    await db.query(
      `INSERT INTO predictions (source, id, "timestamp", received_at, features) VALUES ('t', 'a', $1, $1, '{}')`,
      [new Date(old)],
    );
    const r = await db.query('SELECT dropped, parent FROM cleanup_old_metrics() ORDER BY 1');
    expect(r.rows).toEqual([
      { dropped: partName('metrics', old), parent: 'metrics' },
      { dropped: partName('predictions', old), parent: 'predictions' },
    ]);
    const left = await db.query(`SELECT count(*)::int AS n FROM pg_class WHERE relname = $1`, [
      partName('predictions', old),
    ]);
    expect(left.rows[0].n).toBe(0);
    // today's partitions are young: a second run drops nothing
    expect((await db.query('SELECT * FROM cleanup_old_metrics()')).rowCount).toBe(0);
  });

  it('the engine drops partitions past engine.retention_days at start (then hourly) and makes days ahead', async () => {
    const old = Date.now() - 10 * DAY;
    await db.query("SELECT mmops_ensure_partitions('predictions', $1::date, $1::date)", [isoDay(old)]);
    const tmp = tempDir();
    const lines: string[] = [];
    const engine = await storeEngine(tmp.dir, db.url, lines, (c) => void (c.engine.retention_days = 7));
    try {
      const exists = async (name: string) =>
        (await db.query('SELECT count(*)::int AS n FROM pg_class WHERE relname = $1', [name])).rows[0].n ===
        1;
      await until(
        () => exists(partName('predictions', old)),
        (e) => !e,
      );
      expect(lines.join('\n')).toContain(`store: retention dropped ${partName('predictions', old)}`);
      expect(await exists(partName('predictions', Date.now() + 3 * DAY))).toBe(true);
      expect(await exists(partName('metrics', Date.now() + 3 * DAY))).toBe(true);
    } finally {
      await engine.close();
      tmp.remove();
    }
  });
});
