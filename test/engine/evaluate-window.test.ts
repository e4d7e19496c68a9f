/** evaluateWindow, pure: a window, a reference and a config in; report, gauges and rule values out. */
import { describe, expect, it } from 'vitest';
import { METRIC, rulesFromConfig } from '../../src/alerting/index.js';
import { BASELINE_MIN_SCORED, evaluateWindow, PredictionWindow } from '../../src/engine/index.js';
import type { PredictionRecord } from '../../src/engine/records.js';
import { frameFromColumns } from '../../src/monitor/index.js';
import { testConfig } from './helpers/engine.js';

const T = Date.UTC(2024, 4, 1, 12);
const config = testConfig();
const rules = rulesFromConfig(config);
const system = {
  cpuRatio: 0.5,
  memoryRatio: 0.5,
  diskRatio: 0.5,
  load1: 1,
  load5: 1,
  load15: 1,
  network: null,
  gpu: null,
  ts: T,
};

function recs(n: number, over: (i: number) => Partial<PredictionRecord> = () => ({})): PredictionRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `r${i}`,
    ts: T - 1000 + i,
    features: { x: i % 100 },
    prediction: i % 2 ? 'up' : 'down',
    actual: i % 2 ? 'up' : 'down',
    latency_seconds: i % 100 === 0 ? 0.5 : 0.01,
    spread: 1,
    spread_limit: i % 10 === 0 ? 0.5 : 2,
    ...over(i),
  }));
}

function window(records: PredictionRecord[]) {
  const w = new PredictionWindow({ maxRecords: 100_000, maxAgeMs: 3_600_000 });
  w.add(records);
  return w.snapshot(T);
}

const reference = frameFromColumns({ x: Float64Array.from({ length: 500 }, (_, i) => i % 100) }).frame;

describe('evaluateWindow', () => {
  it('an empty window: no quality, no drift, no performance, throughput as given', async () => {
    const ev = await evaluateWindow({
      columns: window([]),
      reference,
      config,
      rules,
      system,
      baseline: null,
      throughput: 0,
      now: T,
    });
    expect(ev.report.window).toEqual({ records: 0, from: null, to: null, droppedFeatureValues: 0 });
    expect(ev.report.quality).toBeNull();
    expect(ev.report.drift).toBeNull();
    // the panel says why, rather than guessing "no reference?"
    expect(ev.report.driftNote).toBe(
      `too few records to judge: 0 of ${config.drift.min_rows} (drift.min_rows)`,
    );
    const noRef = await evaluateWindow({
      columns: window(recs(200)),
      reference: null,
      config,
      rules,
      system,
      baseline: null,
      throughput: 0,
      now: T,
    });
    expect(noRef.report.driftNote).toBe('no reference loaded (PUT /api/v1/reference)');
    expect(ev.values[METRIC.throughput]).toBe(0);
    expect(ev.values[METRIC.modelAccuracy]).toBeNull();
    expect(ev.report.status.breaches.map((b) => b.alert)).toContain('LowThroughput');
  });

  it('computes latency, errors, spread compliance, accuracy and a baseline candidate', async () => {
    // enough scored predictions for a baseline (BASELINE_MIN_SCORED, 1,000)
    const rs = recs(1200, (i) => (i % 20 === 0 ? { error: 'timeout', prediction: undefined } : {}));
    const ev = await evaluateWindow({
      columns: window(rs),
      reference,
      config,
      rules,
      system,
      baseline: null,
      throughput: 20,
      now: T,
    });
    const p = ev.report.performance;
    expect(p.errorRatio).toBeCloseTo(60 / 1200, 10);
    expect(p.latency.p50).toBeCloseTo(0.01, 10);
    expect(p.spreadCompliance).toBeCloseTo(0.9, 10);
    expect(p.accuracy).toBe(1);
    expect(p.scored).toBe(1140);
    expect(ev.candidateBaseline?.support).toBeGreaterThanOrEqual(BASELINE_MIN_SCORED);
    expect(ev.errorEvents).toHaveLength(60);
    expect(ev.values[METRIC.spreadCompliance]).toBeCloseTo(0.9, 10);
    expect(ev.report.drift?.columns[0]).toMatchObject({ column: 'x', drifted: false });
    expect(ev.values[METRIC.cpuUtilization]).toBe(0.5);
  });

  it('degradation against the baseline, and drift of a shifted feature', async () => {
    const first = await evaluateWindow({
      columns: window(recs(1200)),
      reference,
      config,
      rules,
      system,
      baseline: null,
      throughput: 20,
      now: T,
    });
    const baseline = first.candidateBaseline;
    // Half the predictions wrong now, and x moved by 50.
    const worse = recs(1200, (i) => ({
      actual: i % 4 === 0 ? 'sideways' : i % 2 ? 'up' : 'down',
      features: { x: (i % 100) + 50 },
    }));
    const ev = await evaluateWindow({
      columns: window(worse),
      reference,
      config,
      rules,
      system,
      baseline,
      throughput: 20,
      now: T,
    });
    expect(ev.report.performance.degradation.ratio).toBeGreaterThan(0.1);
    expect(ev.report.performance.degradation.status).toBe('degraded');
    expect(ev.values[METRIC.degradation]).toBe(ev.report.performance.degradation.ratio);
    expect(ev.report.drift?.datasetDrift).toBe(true);
    expect(ev.values[METRIC.driftShare]).toBe(1);
    expect(ev.report.status.overall).toBe('critical');
    expect(ev.gauges.performance?.[0]).toMatchObject({ model: 'default' });
  });
});
