/**
 * The engine's store writer against a real PostgreSQL 15: every accepted record lands once, as it was
 * accepted, actuals become UPDATEs, evaluation figures go to `metrics`, and a restart or a lost checkpoint
 * writes nothing twice.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../../src/engine/index.js';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { getJson, records, send, tempDir } from '../helpers/engine.js';
import { storeEngine, until } from './store-helpers.js';

let db: TestPostgres;
let tmp: ReturnType<typeof tempDir>;
let engine: RunningEngine;
beforeAll(async () => {
  db = await startPostgres({ seed: false });
});
afterAll(async () => {
  await db?.stop();
});
beforeEach(async () => {
  tmp = tempDir();
  engine = await storeEngine(tmp.dir, db.url);
});
afterEach(async () => {
  await engine.close();
  tmp.remove();
});

const source = () => readFileSync(join(tmp.dir, 'store-source'), 'utf8').trim();
const count = async (where = 'true') =>
  Number(
    (await db.query(`SELECT count(*) AS n FROM predictions WHERE source = $1 AND ${where}`, [source()]))
      .rows[0].n,
  );

describe('the store writer', () => {
  it('stores every accepted record once, with strings, nulls and long error types as accepted', async () => {
    const odd = {
      id: 'odd-1',
      ts: Date.now(),
      model: 'm\t2',
      asset_class: 'fx',
      features: { x: null, note: 'tab\there, "quote", back\\slash, new\nline, ünïcode ✓', n: -1.5e-7 },
      error: 'E'.repeat(256),
      spread: 0.02,
      spread_limit: 0.05,
    };
    // PostgreSQL text and jsonb cannot hold U+0000: the one change a stored value shows (the batch falls back
    // to one row at a time, and that row drops the NUL)
    const nul = { id: 'nul-1', ts: Date.now(), features: { s: 'a\u0000b', x: 1 }, prediction: 'up' };
    const batch = [...records(120, { prefix: 'a' }), odd, nul];
    expect((await send(`${engine.url}/api/v1/predictions`, JSON.stringify(batch))).status).toBe(200);
    const ndjson = records(80, { prefix: 'b' })
      .map((r) => JSON.stringify(r))
      .join('\n');
    const b = await send(`${engine.url}/api/v1/predictions`, ndjson, { type: 'application/x-ndjson' });
    expect(b.status).toBe(200);
    await until(count, (n) => n === 202);
    const nulRow = await db.query('SELECT features FROM predictions WHERE source = $1 AND id = $2', [
      source(),
      'nul-1',
    ]);
    expect(nulRow.rows[0].features).toEqual({ s: 'ab', x: 1 });
    const row = (
      await db.query('SELECT * FROM predictions WHERE source = $1 AND id = $2', [source(), 'odd-1'])
    ).rows[0];
    expect(row).toMatchObject({
      model: 'm\t2',
      asset_class: 'fx',
      features: odd.features,
      prediction: null,
      error_type: odd.error,
      spread: 0.02,
      spread_limit: 0.05,
      actual: null,
    });
    expect(row.timestamp.getTime()).toBe(odd.ts);
    const a0 = (await db.query('SELECT * FROM predictions WHERE source = $1 AND id = $2', [source(), 'a-0']))
      .rows[0];
    expect(a0).toMatchObject({
      model: 'm1',
      prediction: 'up',
      confidence: 0.9,
      features: batch[0]!.features,
    });
    expect(a0.latency_seconds).toBeCloseTo(0.01, 9);
  });

  it('applies actuals as updates, the later one winning, with when they arrived', async () => {
    expect(
      (await send(`${engine.url}/api/v1/predictions`, JSON.stringify(records(60, { prefix: 'c' })))).status,
    ).toBe(200);
    const actuals = [
      ...records(30, { prefix: 'c' }).map((r) => ({ id: r.id, actual: 'up' })),
      { id: 'c-1', actual: 'down' },
      { id: 'never-seen', actual: 'up' },
    ];
    expect((await send(`${engine.url}/api/v1/actuals`, JSON.stringify(actuals))).status).toBe(200);
    await until(
      () => count('actual IS NOT NULL'),
      (n) => n === 30,
    );
    const r = await db.query(
      `SELECT id, actual, actual_at >= received_at AS later FROM predictions
       WHERE source = $1 AND id IN ('c-0', 'c-1') ORDER BY id`,
      [source()],
    );
    expect(r.rows).toEqual([
      { id: 'c-0', actual: 'up', later: true },
      { id: 'c-1', actual: 'down', later: true },
    ]);
    expect(await count()).toBe(60);
  });

  it("writes each evaluation's figures into metrics", async () => {
    await send(`${engine.url}/api/v1/predictions`, JSON.stringify(records(40, { prefix: 'd' })));
    await until(count, (n) => n === 40);
    await engine.evaluateNow();
    const rows = await until(
      async () =>
        (await db.query('SELECT metric_name, value FROM metrics WHERE source = $1', [source()])).rows,
      (r) => r.length > 0,
    );
    const names = rows.map((r) => r.metric_name);
    expect(names).toContain('prediction_latency_p95_seconds');
    expect(names).toContain('prediction_error_ratio');
  });

  it('is up in /health and reports its lag on /metrics', async () => {
    await send(`${engine.url}/api/v1/predictions`, JSON.stringify(records(10, { prefix: 'h' })));
    await until(count, (n) => n === 10);
    const h = await until(
      () => getJson(`${engine.url}/health`),
      (x) =>
        /^up, 0 records/.test((x.json.checks as Record<string, { message: string }>).store?.message ?? ''),
    );
    expect(h.status).toBe(200);
    expect((h.json.checks as Record<string, { status: string }>).store?.status).toBe('ok');
    const text = await (await fetch(`${engine.url}/metrics`)).text();
    expect(text).toMatch(/^market_master_store_up 1$/m);
    expect(text).toMatch(/^market_master_store_lag_records 0$/m);
    expect(text).toMatch(/^market_master_store_lag_seconds 0$/m);
    expect(text).toMatch(/^market_master_store_yielding 0$/m);
    expect(text).toMatch(/^market_master_store_written_records_total\{kind="prediction"\} 10$/m);
  });

  it('stores a record sent twice (a client retrying a batch) once, and the rest of its batch', async () => {
    const batch = records(30, { prefix: 'g' });
    expect((await send(`${engine.url}/api/v1/predictions`, JSON.stringify(batch))).status).toBe(200);
    await until(count, (n) => n === 30);
    const retry = [...batch.slice(0, 5), ...records(5, { prefix: 'g2' })];
    expect((await send(`${engine.url}/api/v1/predictions`, JSON.stringify(retry))).status).toBe(200);
    const text = await until(
      async () => (await fetch(`${engine.url}/metrics`)).text(),
      (t) => /^market_master_store_duplicate_records_total 5$/m.test(t),
    );
    expect(text).toMatch(/^market_master_store_written_records_total\{kind="prediction"\} 35$/m);
    expect(await count()).toBe(35);
  });

  it('writes nothing twice after a restart, or after the checkpoint is lost', async () => {
    await send(`${engine.url}/api/v1/predictions`, JSON.stringify(records(90, { prefix: 'e' })));
    await until(count, (n) => n === 90);
    await engine.close();
    engine = await storeEngine(tmp.dir, db.url);
    await send(`${engine.url}/api/v1/predictions`, JSON.stringify(records(10, { prefix: 'f' })));
    await until(count, (n) => n === 100);
    // a lost checkpoint (a restored database): the whole log is read again, and ON CONFLICT skips every row
    await engine.close();
    await db.query('DELETE FROM store_checkpoints WHERE source = $1', [source()]);
    engine = await storeEngine(tmp.dir, db.url);
    const text = await until(
      async () => (await fetch(`${engine.url}/metrics`)).text(),
      (t) => /^market_master_store_duplicate_records_total 100$/m.test(t),
    );
    expect(text).toMatch(/^market_master_store_lag_records 0$/m);
    expect(await count()).toBe(100);
  });
});
