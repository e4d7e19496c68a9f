/**
 * The store writer yielding to a busy ingest, against a real PostgreSQL 15 and a real event log: while the
 * injected pressure says ingest is busy it holds back until the oldest record waiting is
 * storage.yield_lag_seconds old, then writes regardless; without pressure (or with the budget 0) it writes
 * as soon as a batch is due. The writer's clock is a variable the test moves, so the lag is exact.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type EventLog, type LogEntry, openEventLog } from '../../../src/engine/event-log/index.js';
import { LogTail } from '../../../src/engine/event-log/tail-reader.js';
import type { RunningEngine } from '../../../src/engine/index.js';
import { connectStore } from '../../../src/engine/store/open-store.js';
import { ensureDays } from '../../../src/engine/store/partitions.js';
import type { StoreSettings } from '../../../src/engine/store/store-status.js';
import { watchAppends } from '../../../src/engine/store/watch-appends.js';
import { type StoreWriter, startWriter } from '../../../src/engine/store/writer.js';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { getJson, records, send, tempDir } from '../helpers/engine.js';
import { storeEngine, until } from './store-helpers.js';

let db: TestPostgres;
let tmp: ReturnType<typeof tempDir>;
let log: EventLog;
let writer: StoreWriter;
let source: string;
let runs = 0;
const T0 = Date.now();
let now = T0; // the writer's clock
let pressed = false; // what the engine's ingest meter would say

beforeAll(async () => {
  db = await startPostgres({ seed: false });
});
afterAll(async () => {
  await db?.stop();
});
beforeEach(() => {
  tmp = tempDir();
  now = T0;
  pressed = false;
  source = `yield-${++runs}`;
});
afterEach(async () => {
  await writer?.close();
  await log?.close();
  tmp.remove();
});

/** A writer over a fresh log in the temp dir, its settings those of the store tests but for the budget. */
async function start(yieldLagMs: number): Promise<void> {
  const dir = `${tmp.dir}/events`;
  const watched = watchAppends(await openEventLog({ dir, now: () => now }), () => writer?.nudge());
  log = watched.log;
  const tail = await LogTail.open({ dir, settled: watched.settled });
  const settings: StoreSettings = {
    intervalMs: 200,
    batchSize: 50,
    bufferSize: 200,
    retentionMs: 30 * 86_400_000,
    yieldLagMs,
  };
  const known = new Set<string>();
  writer = startWriter({
    tail,
    source,
    settings,
    connect: () => connectStore(db.url),
    ensureDays: (client, days) => ensureDays(client, days, known),
    clock: () => now,
    say: () => undefined,
    underPressure: () => pressed,
  });
  await until(
    async () => writer.status().state,
    (s) => s === 'up',
  );
}

/** `n` prediction entries received at `ts` (the log's receive time, which the lag is measured from). */
const entries = (n: number, prefix: string, ts: number): LogEntry[] =>
  Array.from({ length: n }, (_, i) => ({
    t: 'p',
    ts,
    rec: { id: `${prefix}-${i}`, ts, model: 'm1', features: { x: i }, prediction: 'up' },
  }));

const stored = async () =>
  Number((await db.query('SELECT count(*) AS n FROM predictions WHERE source = $1', [source])).rows[0].n);

describe('the store writer under ingest pressure', () => {
  it('holds back while the lag is under the budget, writes once it is reached, drains when pressure ends', async () => {
    await start(5000);
    pressed = true;
    now = T0 + 1000;
    await log.append(entries(120, 'a', T0));
    // it has read the whole batch (more than batch_size: due) and decided to wait
    let s = await until(
      async () => writer.status(),
      (x) => x.yielding && x.lagRecords === 120,
    );
    expect(s.lagSeconds).toBe(1);
    expect(await stored()).toBe(0);
    // still holding after it went round again and read more: not a moment's decision
    await log.append(entries(30, 'b', T0 + 1000));
    s = await until(
      async () => writer.status(),
      (x) => x.yielding && x.lagRecords === 150,
    );
    expect(await stored()).toBe(0);
    expect(s.written.predictions).toBe(0);

    // the oldest record waiting reaches the budget: written under pressure all the same
    now = T0 + 5000;
    await until(stored, (n) => n === 150);
    s = await until(
      async () => writer.status(),
      (x) => x.lagRecords === 0,
    );
    expect(s.written.predictions).toBe(150);
    expect(s.lagSeconds).toBe(0);

    // new records, still under pressure: held again, the lag under the budget
    await log.append(entries(60, 'c', now));
    now += 2000;
    s = await until(
      async () => writer.status(),
      (x) => x.yielding && x.lagRecords === 60,
    );
    expect(s.lagSeconds).toBe(2);
    expect(await stored()).toBe(150);
    // the pressure ends: drained without waiting for the budget (the clock does not move)
    pressed = false;
    await until(stored, (n) => n === 210);
    s = await until(
      async () => writer.status(),
      (x) => x.lagRecords === 0,
    );
    expect(s.yielding).toBe(false);
    expect(s.duplicates).toBe(0);
  });

  it.each([
    { name: 'without pressure', budget: 5000, pressure: false },
    { name: 'under pressure with yield_lag_seconds 0', budget: 0, pressure: true },
  ])('writes as soon as a batch is due $name', async ({ budget, pressure }) => {
    await start(budget);
    pressed = pressure;
    await log.append(entries(120, 'd', now));
    // the clock stands still: only a write that does not wait for the lag to grow can land
    await until(stored, (n) => n === 120);
    const s = await until(
      async () => writer.status(),
      (x) => x.lagRecords === 0,
    );
    expect(s.yielding).toBe(false);
    expect(s.written.predictions).toBe(120);
  });
});

describe('the engine under a real full-speed ingest', () => {
  let engine: RunningEngine | undefined;
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
  });

  it('says the store defers to ingest on /metrics and /health, then stores every acknowledged record', async () => {
    engine = await storeEngine(tmp.dir, db.url);
    const url = engine.url;
    await until(
      async () => (await getJson(`${url}/health`)).json,
      (h) => (h.checks as Record<string, { status: string }>).store?.status === 'ok',
    );
    // four clients posting back to back, as a model service at full speed: a request always in flight
    let sending = true;
    let acked = 0;
    const client = async (c: number) => {
      for (let b = 0; sending; b++) {
        const r = await send(
          `${url}/api/v1/predictions`,
          JSON.stringify(records(200, { prefix: `y${c}-${b}` })),
        );
        expect(r.status).toBe(200);
        acked += 200;
      }
    };
    const clients = [0, 1, 2, 3].map(client);
    const seen = await until(
      async () => {
        const text = await (await fetch(`${url}/metrics`)).text();
        const health = (await getJson(`${url}/health`)).json.checks as Record<string, { message: string }>;
        return {
          gauge: /^market_master_store_yielding (\S+)$/m.exec(text)?.[1],
          health: health.store?.message,
        };
      },
      (x) => x.gauge === '1' && /^up, deferring to ingest/.test(x.health ?? ''),
    ).finally(() => {
      sending = false;
    });
    expect(seen.health).toMatch(/storage\.yield_lag_seconds/);
    await Promise.all(clients);
    // the pressure gone, it drains at full speed: every acknowledged record, once, and the gauge back to 0
    const sourceId = readFileSync(join(tmp.dir, 'store-source'), 'utf8').trim();
    await until(
      async () =>
        Number(
          (await db.query('SELECT count(*) AS n FROM predictions WHERE source = $1', [sourceId])).rows[0].n,
        ),
      (n) => n === acked,
    );
    const text = await until(
      async () => (await fetch(`${url}/metrics`)).text(),
      (t) => /^market_master_store_lag_records 0$/m.test(t),
    );
    expect(text).toMatch(/^market_master_store_yielding 0$/m);
  }, 60_000);
});
