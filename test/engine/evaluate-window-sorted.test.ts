/**
 * evaluateWindow with the columns drift sorted shared with quality (and the buffers kept from one
 * evaluation to the next, as the evaluator keeps them) gives the report it gives when quality scans and
 * selects on its own: a detector that ignores SortedColumns leaves quality nothing to read.
 */
import { describe, expect, it } from 'vitest';
import { rulesFromConfig } from '../../src/alerting/index.js';
import { type DriftDetector, evaluateWindow, PredictionWindow } from '../../src/engine/index.js';
import type { PredictionRecord } from '../../src/engine/records.js';
import {
  detectDrift,
  frameFromColumns,
  latencyPercentiles,
  prepareReference,
  SortedColumns,
} from '../../src/monitor/index.js';
import { testConfig } from './helpers/engine.js';

const T = Date.UTC(2024, 4, 1, 12);
const config = testConfig();
const rules = rulesFromConfig(config);

function windowOf(n: number, seed: number) {
  let x = seed;
  const rnd = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  const records: PredictionRecord[] = Array.from({ length: n }, (_, i) => ({
    id: `r${i}`,
    ts: T - 10_000 + i,
    features: {
      a: Math.round(rnd() * 1000) / 10,
      b: i % 7 === 0 ? null : rnd() < 0.02 ? 500 : Math.round(rnd() * 50),
      c: i % 50 === 0 ? 'text' : 3, // almost constant, with strings: a type mismatch
      z: i % 2 ? 0 : -0,
    },
    prediction: rnd() < 0.5 ? 'up' : 'down',
    actual: rnd() < 0.5 ? 'up' : 'down',
    latency_seconds: i % 13 === 0 ? undefined : rnd() / 10,
    spread: 1,
    spread_limit: 2,
    model: i % 3 ? 'm1' : 'm2',
  }));
  const w = new PredictionWindow({ maxRecords: 100_000, maxAgeMs: 3_600_000 });
  w.add(records);
  return w.snapshot(T);
}

const reference = prepareReference(
  frameFromColumns({
    a: Float64Array.from({ length: 2000 }, (_, i) => ((i * 37) % 1000) / 10),
    b: Float64Array.from({ length: 2000 }, (_, i) => i % 40),
    z: new Float64Array(2000),
  }).frame,
);
const alone: DriftDetector = (ref, cur, opts) => detectDrift(ref, cur, opts);

describe('evaluateWindow with shared sorted columns', () => {
  it('reports what quality alone reports, evaluation after evaluation', async () => {
    const shared = new SortedColumns();
    for (const [n, seed] of [
      [3000, 1],
      [1200, 2],
      [5000, 3],
    ] as const) {
      const input = {
        reference,
        config,
        rules,
        system: null,
        baseline: null,
        throughput: 1,
        now: T,
      };
      const columns = windowOf(n, seed);
      const viaShared = await evaluateWindow({ ...input, columns, sorted: shared });
      expect(viaShared.report.performance.latency).toEqual(latencyPercentiles(columns.latencySeconds));
      const plain = await evaluateWindow({ ...input, columns: windowOf(n, seed), detect: alone });
      expect(viaShared.report.drift).not.toBeNull();
      expect(viaShared.report).toEqual(plain.report);
      expect(viaShared.values).toEqual(plain.values);
    }
  });
});
