/**
 * The engine acknowledges only records that will count (issue 17): clock-skewed and out-of-window ts and bad
 * offsets refused (defect 4), duplicate ids within a batch refused and across batches kept (defect 15), empty
 * batches counted, and a feature cap that refuses junk batches but never crowds out the reference (defect 5).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../src/engine/index.js';
import { records, send, startTestEngine, tempDir } from './helpers/engine.js';

type Refusal = { error: string; rejected: { index: number; field: string; reason: string }[] };

async function metric(url: string, pattern: RegExp): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = pattern.exec(text);
  return m ? Number(m[1]) : 0;
}

describe('time-honest windows and strict ids', () => {
  const tmp = tempDir();
  let engine: RunningEngine;
  afterAll(async () => {
    await engine?.close();
    tmp.remove();
  });
  const post = (body: unknown, path = 'predictions') =>
    send(`${engine.url}/api/v1/${path}`, typeof body === 'string' ? body : JSON.stringify(body));
  const windowRecords = async () => {
    await engine.evaluateNow();
    return engine.report()?.window.records;
  };

  it('refuses a ts beyond the future skew or older than the window, naming the record and the bound', async () => {
    engine = await startTestEngine(tmp.dir); // max_age 60m, max_future_skew 5m (config/default.yaml)
    expect((await post(records(3, { prefix: 'ok' }))).status).toBe(200);
    const now = Date.now();
    const cases: [unknown, RegExp][] = [
      [now + 365 * 86_400_000, /ahead of the engine's clock; at most engine\.window\.max_future_skew \(5m\)/],
      ['9999-12-31T23:59:59Z', /max_future_skew \(5m\) ahead is accepted, so no later than \d{4}-/],
      ['1975-06-01T00:00:00Z', /older than the window \(engine\.window\.max_age 1h\).*earliest accepted now/],
      [now - 2 * 3_600_000, /older than the window/],
      [new Date(now).toISOString().replace('Z', '+99:99'), /UTC offset \+99:99 is outside -14:00\.\.\+14:00/],
      [new Date(now).toISOString().replace('Z', '+14:30'), /UTC offset \+14:30 is outside/],
    ];
    for (const [ts, reason] of cases) {
      const batch = records(3, { prefix: String(ts) });
      (batch[2] as { ts: unknown }).ts = ts;
      const r = await post(batch);
      expect(r.status, String(ts)).toBe(400);
      const body = r.json as Refusal;
      expect(body.rejected[0], String(ts)).toMatchObject({ index: 2, field: 'ts' });
      expect(body.rejected[0]!.reason, String(ts)).toMatch(reason);
      expect(body.error).toContain('record 2, ts');
    }
    // Inside the bounds: a ts 4 minutes ahead, 50 minutes old, and +14:00 (the real maximum) all count.
    const local = new Date(now + 14 * 3_600_000).toISOString().replace('Z', '+14:00');
    const inside = records(3, { prefix: 'in' }).map((r, i) => ({
      ...r,
      ts: [now + 4 * 60_000, now - 50 * 60_000, local][i],
    }));
    expect((await post(inside)).status).toBe(200);
    // The refused batches changed nothing; the accepted ones are all in the window.
    expect(await windowRecords()).toBe(6);
  });

  it('refuses duplicate ids within a batch naming both records, and keeps a repeated id across batches', async () => {
    const batch = records(4, { prefix: 'dup' });
    batch[3]!.id = batch[1]!.id;
    const r = await post(batch);
    expect(r.status).toBe(400);
    expect((r.json as Refusal).rejected).toEqual([
      { index: 3, field: 'id', reason: 'duplicate id "dup-1": records 1 and 3 of this batch share it' },
    ]);
    // Across batches: the contract (README "The engine") accepts the id again as a new record, and an actual
    // attaches to the latest record with that id.
    const first = records(30, { prefix: 'again' }).map((r) => ({ ...r, prediction: 'up' }));
    const second = first.map((r) => ({ ...r, prediction: 'down' }));
    expect((await post(first)).status).toBe(200);
    expect((await post(second)).status).toBe(200);
    expect(
      (
        await post(
          first.map((r) => ({ id: r.id, actual: 'down' })),
          'actuals',
        )
      ).status,
    ).toBe(200);
    expect(await windowRecords()).toBe(66);
    // Each actual reached the latest record with its id (prediction down): 30 scored, all right.
    expect(engine.report()?.performance).toMatchObject({ scored: 30, accuracy: 1 });
  });

  it('counts the empty-batch 400s in rejected_batches_total', async () => {
    for (const [body, path] of [
      ['[]', 'predictions'],
      ['\n\n', 'predictions'],
      ['[]', 'actuals'],
    ] as const) {
      const r = await send(`${engine.url}/api/v1/${path}`, body, {
        type: body === '[]' ? 'application/json' : 'application/x-ndjson',
      });
      expect(r.status).toBe(400);
    }
    expect(await metric(engine.url, /rejected_batches_total\{reason="empty"\} (\d+)/)).toBe(3);
  });
});

describe('bounded feature sets', () => {
  const tmp = tempDir();
  let engine: RunningEngine;
  afterAll(async () => {
    await engine?.close();
    tmp.remove();
  });
  const junk = (n: number, from = 0) =>
    records(1, { prefix: `junk${from}` }).map((r) => ({
      ...r,
      features: Object.fromEntries(Array.from({ length: n }, (_, i) => [`junk_${from + i}`, i])),
    }));

  it('refuses a batch past engine.window.max_features, and never crowds out the reference', async () => {
    engine = await startTestEngine(tmp.dir, { edit: (c) => void (c.engine.window.max_features = 20) });
    const ref = `x,regime,volume\n${Array.from({ length: 200 }, (_, i) => `${i % 50},${i % 2 ? 'calm' : 'volatile'},${1000 + i}`).join('\n')}\n`;
    expect(
      (await send(`${engine.url}/api/v1/reference`, ref, { method: 'PUT', type: 'text/csv' })).status,
    ).toBe(200);
    expect((await send(`${engine.url}/api/v1/predictions`, JSON.stringify(records(60)))).status).toBe(200);
    // 1,000 junk names in one batch: refused whole, naming the cap.
    const big = await send(`${engine.url}/api/v1/predictions`, JSON.stringify(junk(1000)));
    expect(big.status).toBe(400);
    const refusal = big.json as Refusal;
    expect(refusal.rejected[0]).toMatchObject({ index: 0, field: 'features.junk_20' });
    expect(refusal.rejected[0]!.reason).toBe(
      "the batch brings 1000 new feature names and the window has room for 20 (engine.window.max_features 20, 0 held besides the reference's)",
    );
    // 20 junk names fill the cap; x and regime (reference features) never counted against it.
    expect((await send(`${engine.url}/api/v1/predictions`, JSON.stringify(junk(20)))).status).toBe(200);
    expect((await send(`${engine.url}/api/v1/predictions`, JSON.stringify(junk(1, 500)))).status).toBe(400);
    // volume, a reference feature first seen now, still has its place.
    const withVolume = records(60, { prefix: 'v' }).map((r, i) => ({
      ...r,
      features: { ...r.features, volume: 1000 + i },
    }));
    expect((await send(`${engine.url}/api/v1/predictions`, JSON.stringify(withVolume))).status).toBe(200);
    await engine.evaluateNow();
    const report = engine.report()!;
    expect(report.quality?.columns.map((c) => c.column)).toContain('volume');
    expect(report.drift?.columns.map((c) => c.column)).toEqual(
      expect.arrayContaining(['x', 'regime', 'volume']),
    );
    expect(report.window.droppedFeatureValues).toBe(0);
    expect(await metric(engine.url, /dropped_feature_values_total (\d+)/)).toBe(0);
  });

  it('a restart with a smaller cap drops the surplus on replay, and says so in the report and the metric', async () => {
    await engine.close();
    engine = await startTestEngine(tmp.dir, { edit: (c) => void (c.engine.window.max_features = 5) });
    await engine.evaluateNow();
    // 20 junk names were held in one record; the 15 beyond the new cap were dropped on replay.
    expect(engine.report()!.window.droppedFeatureValues).toBe(15);
    expect(await metric(engine.url, /dropped_feature_values_total (\d+)/)).toBe(15);
  });
});
