/**
 * Prediction drift over real HTTP: the demo model's records posted to an engine whose reference carries the
 * model's outputs. The score moves when the outputs shift (the bias fault) and not when only the features do
 * (the drift fault), and feature drift the other way round.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../src/engine/index.js';
import { type FaultName, faultSet, generateRecords, referenceLines } from '../../src/sim/index.js';
import { send, startTestEngine, tempDir } from './helpers/engine.js';

const ROWS = 1500;
const open: { engine: RunningEngine; remove: () => void }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.engine.close();
    o.remove();
  }
});

/** An engine fed the reference (with outputs) and ROWS records of seed 11 with `fault` on. */
async function engineWith(fault: FaultName | null, outputs = true) {
  const tmp = tempDir();
  const engine = await startTestEngine(tmp.dir);
  open.push({ engine, remove: tmp.remove });
  const reference = [...referenceLines('csv', { rows: 3000, seed: 1, outputs })].join('');
  const put = await send(`${engine.url}/api/v1/reference`, reference, { method: 'PUT', type: 'text/csv' });
  expect(put.status).toBe(200);
  const gens = generateRecords(ROWS, {
    seed: 11,
    faults: fault ? faultSet(fault) : faultSet(),
    startMs: Date.now() - ROWS * 50 - 1000,
  });
  const body = gens.map((g) => JSON.stringify(g.record)).join('\n');
  const r = await send(`${engine.url}/api/v1/predictions`, body, { type: 'application/x-ndjson' });
  expect(r).toEqual({ status: 200, json: { accepted: ROWS } });
  await engine.evaluateNow();
  const metrics = await (await fetch(`${engine.url}/metrics`)).text();
  const gauge = (name: string) => {
    const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics);
    return m ? Number(m[1]) : null;
  };
  const report = engine.report()!;
  return {
    score: gauge('market_master_prediction_drift_score'),
    parts: metrics.split('\n').filter((l) => l.startsWith('market_master_prediction_drift_part_score{')),
    featureShare: gauge('market_master_dataset_drift_share_ratio'),
    report,
    breaches: report.status.breaches.filter((b) => b.alert === 'PredictionDrift').map((b) => b.severity),
  };
}

describe('prediction drift over HTTP ingest', () => {
  it('stays low on healthy outputs, and the metric, report and parts agree', async () => {
    const e = await engineWith(null);
    expect(e.score).not.toBeNull();
    expect(e.score!).toBeLessThan(0.1);
    expect(e.report.predictionDrift.score).toBe(e.score);
    expect(e.report.predictionDrift.rows).toBe(e.report.window.records - e.report.performance.errors);
    expect(e.parts).toHaveLength(2);
    expect(e.breaches).toEqual([]);
  });

  it('moves with shifted outputs (bias) and not with shifted features (drift)', async () => {
    const healthy = await engineWith(null);
    const bias = await engineWith('bias');
    const drift = await engineWith('drift');
    // outputs shifted, features the same records: prediction drift critical, feature drift unchanged
    expect(bias.score!).toBeGreaterThan(0.2);
    expect(bias.breaches).toEqual(['critical']);
    expect(bias.featureShare).toBe(healthy.featureShare);
    expect(bias.report.drift?.columns.map((c) => c.score)).toEqual(
      healthy.report.drift?.columns.map((c) => c.score),
    );
    const buy = bias.report.predictionDrift.classes!.shares.find((s) => s.label === 'buy')!;
    expect(buy.current).toBeGreaterThan(buy.reference + 0.3);
    // features shifted, outputs the same: feature drift at the dataset level, prediction drift as healthy
    expect(drift.featureShare!).toBeGreaterThanOrEqual(0.5);
    expect(drift.score).toBe(healthy.score);
    expect(drift.breaches).toEqual([]);
  });

  it('gives no score, and says why, when the reference has no prediction column', async () => {
    const e = await engineWith('bias', false);
    expect(e.score).toBeNull();
    expect(e.report.predictionDrift.note).toMatch(/reference has no prediction column/);
    expect(e.breaches).toEqual([]);
  });
});
