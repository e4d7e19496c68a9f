import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  businessMetrics,
  classificationMetrics,
  operationalMetrics,
  pairLabels,
  performanceSummary,
} from '../../src/monitor/performance/index.js';

// predictions.csv is the fixture the `mmops check performance` CLI test reads; its expected numbers come
// from pandas.read_csv + scikit-learn (scripts/fixtures/gen_performance.py). This checks the pure API on it.
const dir = join(import.meta.dirname, '../fixtures/performance');
const rows = parse(readFileSync(join(dir, 'predictions.csv'), 'utf8'), { columns: true }) as Array<
  Record<string, string>
>;
const expected = JSON.parse(readFileSync(join(dir, 'predictions.expected.json'), 'utf8'));
const num = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));
const TOL = 1e-12;
const near = (a: number | null, b: number | null) =>
  b === null ? expect(a).toBeNull() : expect(Math.abs(a! - b)).toBeLessThanOrEqual(TOL);

describe('predictions.csv fixture', () => {
  it('has the documented columns and about 200 rows', () => {
    expect(rows.length).toBe(expected.rows);
    expect(Object.keys(rows[0]!)).toEqual([
      'id',
      'ts',
      'prediction',
      'actual',
      'confidence',
      'latency_seconds',
      'spread',
      'spread_limit',
      'error',
      'return',
    ]);
  });

  it('matches sklearn after dropping rows without an actual or a prediction', () => {
    const pairs = pairLabels(
      rows.map((r) => r.actual),
      rows.map((r) => r.prediction),
    );
    expect(pairs.dropped).toBe(expected.rows - expected.performance.support);
    const m = classificationMetrics(pairs.yTrue, pairs.yPred);
    const s = performanceSummary(m);
    for (const k of ['accuracy', 'precision', 'recall', 'f1'] as const) near(s[k], expected.performance[k]);
    expect(s.support).toBe(expected.performance.support);
    expect(s.confusion).toEqual(expected.performance.confusion);
    near(m.macro.f1, expected.macro.f1);
  });

  it("matches the guide's business metrics over rows with a prediction", () => {
    const predicted = rows.filter((r) => r.prediction !== '');
    const b = businessMetrics(
      predicted.map((r) => ({ confidence: num(r.confidence), actualReturn: num(r.return) })),
    );
    const e = expected.business;
    expect(b.totalPredictions).toBe(e.total_predictions);
    expect(b.highConfidencePredictions).toBe(e.high_confidence_predictions);
    near(b.averageConfidence, e.average_confidence);
    near(b.highConfidenceShare, e.prediction_volume);
    near(b.highConfidenceMeanReturn, e.predicted_return);
  });

  it('matches numpy for the operational metrics over all rows', () => {
    const o = operationalMetrics(
      rows.map((r) => ({
        ts: r.ts,
        latencySeconds: num(r.latency_seconds),
        error: r.error,
        spread: num(r.spread),
        spreadLimit: num(r.spread_limit),
      })),
    );
    const e = expected.operational;
    expect(o).toMatchObject({ records: e.records, errors: e.errors, spreadChecked: e.spreadChecked });
    near(o.errorRate, e.errorRate);
    near(o.spreadCompliance, e.spreadCompliance);
    near(o.windowSeconds, e.windowSeconds);
    near(o.throughput, e.throughput);
    expect(o.latency.count).toBe(e.latency.count);
    for (const k of ['mean', 'p50', 'p95', 'p99'] as const) near(o.latency[k], e.latency[k]);
  });
});
