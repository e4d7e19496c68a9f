/**
 * The service's queue (queue_depth, queue_capacity on each record) through validation, the window and the
 * evaluation to the gauge; and quality judged on the window's recent part (quality.window).
 */
import { describe, expect, it } from 'vitest';
import { METRIC, rulesFromConfig } from '../../src/alerting/index.js';
import { evaluateWindow, PredictionWindow } from '../../src/engine/index.js';
import { createEngineMetrics } from '../../src/engine/metrics/index.js';
import { isPlainRecord } from '../../src/engine/plain-record.js';
import { type PredictionRecord, validatePredictions } from '../../src/engine/records.js';
import { records, send, startTestEngine, tempDir, testConfig } from './helpers/engine.js';

const T = Date.UTC(2024, 4, 1, 12);
const config = testConfig();
const rules = rulesFromConfig(config);

const rec = (i: number, over: Partial<PredictionRecord> = {}): PredictionRecord => ({
  id: `r${i}`,
  ts: T - 60_000 + i * 10,
  features: { x: i, y: i * 0.5 },
  prediction: 'up',
  latency_seconds: 0.01,
  ...over,
});

const validate = (items: unknown[]) => validatePredictions(items, { receivedAt: T, idGen: () => 'g' });

describe('queue_depth and queue_capacity', () => {
  it('are accepted together, and refused alone or with a depth past the capacity, naming the field', () => {
    const base = { id: 'a', ts: T, features: { x: 1 }, prediction: 'up' };
    expect(validate([{ ...base, queue_depth: 3, queue_capacity: 200 }]).ok).toBe(true);
    expect(isPlainRecord({ ...base, queue_depth: 3, queue_capacity: 200 })).toBe(true);
    const alone = validate([{ ...base, queue_depth: 3 }]);
    expect(alone.ok === false && alone.rejected).toEqual([
      { index: 0, field: 'queue_capacity', reason: 'required with queue_depth (send both)' },
    ]);
    expect(isPlainRecord({ ...base, queue_depth: 3 })).toBe(false);
    const over = validate([{ ...base, queue_depth: 250, queue_capacity: 200 }]);
    expect(over.ok === false && over.rejected[0]).toMatchObject({
      field: 'queue_depth',
      reason: '250 is more than queue_capacity 200',
    });
    const zero = validate([{ ...base, queue_depth: 0, queue_capacity: 0 }]);
    expect(zero.ok === false && zero.rejected[0]).toMatchObject({ field: 'queue_capacity' });
  });

  it("the newest record's depth / capacity becomes the utilization, the rule value and the gauge", async () => {
    const w = new PredictionWindow({ maxRecords: 100_000, maxAgeMs: 3_600_000 });
    // arrival order is not ts order: the record with the latest ts speaks for now
    w.add([
      rec(1, { queue_depth: 190, queue_capacity: 200 }),
      rec(0, { queue_depth: 10, queue_capacity: 200 }),
    ]);
    w.add([rec(2)]); // a record without the fields changes nothing
    const ev = await evaluateWindow({
      columns: w.snapshot(T),
      reference: null,
      config,
      rules,
      system: null,
      baseline: null,
      throughput: 20,
      now: T,
    });
    expect(ev.report.performance.queue).toEqual({
      depth: 190,
      capacity: 200,
      utilization: 0.95,
      at: new Date(T - 60_000 + 10).toISOString(),
    });
    expect(ev.values[METRIC.queueUtilization]).toBe(0.95);
    expect(ev.report.status.breaches).toContainEqual(
      expect.objectContaining({ alert: 'HighQueueUtilization', severity: 'critical' }),
    );
    const metrics = createEngineMetrics({ prefix: 'market_master', defaultMetrics: false });
    metrics.setEvaluation({ ...ev.gauges, alerts: [], durationSeconds: 0, timestamp: T });
    expect(await metrics.metricsText()).toMatch(/^market_master_prediction_queue_utilization_ratio 0\.95$/m);
    // once the report ages out of the window, the queue is unknown, not "still full"
    expect(w.snapshot(T + 3_600_000).queue).toBeNull();
  });
});

describe('quality.window', () => {
  it('judges quality on the recent records only, drift and performance on the whole window', async () => {
    const w = new PredictionWindow({ maxRecords: 100_000, maxAgeMs: 3_600_000 });
    // 50 minutes of clean records, then 30 s of records missing y
    w.add(Array.from({ length: 3000 }, (_, i) => ({ ...rec(i), ts: T - 3_000_000 + i * 1000 })));
    w.add(
      Array.from({ length: 300 }, (_, i) =>
        rec(i, { ts: T - 30_000 + i * 100, features: { x: i, y: null } }),
      ),
    );
    const input = { reference: null, config, rules, system: null, baseline: null, throughput: 20, now: T };
    const whole = await evaluateWindow({ ...input, columns: w.snapshot(T) });
    const recent = await evaluateWindow({
      ...input,
      columns: w.snapshot(T),
      recent: w.snapshot(T, undefined, 60_000),
    });
    expect(whole.report.window.records).toBe(3300);
    expect(recent.report.window.records).toBe(3300);
    expect(whole.values[METRIC.qualityScore]).toBeGreaterThan(config.quality.min_score);
    // half the cells of the last minute are missing: the score falls below the level at once
    expect(recent.values[METRIC.qualityScore]).toBeLessThan(config.quality.min_score);
  });
});

describe('the queue over real HTTP', () => {
  it('NDJSON records (the ingest threads) set the gauge; a restart replays it from the event log', async () => {
    const tmp = tempDir();
    let engine = await startTestEngine(tmp.dir);
    try {
      const body = records(50)
        .map((r, i) => JSON.stringify({ ...r, ts: r.ts + i, queue_depth: 150 + i, queue_capacity: 200 }))
        .join('\n');
      const res = await send(`${engine.url}/api/v1/predictions`, body, { type: 'application/x-ndjson' });
      expect(res).toEqual({ status: 200, json: { accepted: 50 } });
      const gauge = async () => {
        await engine.evaluateNow();
        const text = await (await fetch(`${engine.url}/metrics`)).text();
        return /^market_master_prediction_queue_utilization_ratio (\S+)$/m.exec(text)?.[1];
      };
      expect(await gauge()).toBe(String(199 / 200));
      await engine.close();
      engine = await startTestEngine(tmp.dir);
      expect(await gauge()).toBe(String(199 / 200));
    } finally {
      await engine.close();
      tmp.remove();
    }
  });
});
