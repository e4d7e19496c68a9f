import { beforeAll, describe, expect, it } from 'vitest';
import {
  countClasses,
  outputReference,
  PREDICTION_DRIFT_MIN_ROWS,
  predictionDrift,
} from '../../src/monitor/index.js';
import {
  activeFaults,
  FAULT_NAMES,
  FEATURE_NAMES,
  faultSet,
  type Generated,
  generateRecords,
  isFaultName,
  NUMERIC_FEATURES,
  referenceRows,
} from '../../src/sim/index.js';
import { categoricalColumn, frameOf, numericColumn } from '../fixtures/drift/load.js';
import {
  accuracy,
  column,
  errorRate,
  latencyQuantile,
  meanStd,
  normedWasserstein,
} from './helpers/metrics.js';

const N = 5000;
const SEED = 99;

describe('fault sets', () => {
  it('names the faults of `mmops simulate --fault`', () => {
    expect(FAULT_NAMES).toEqual([
      'drift',
      'latency',
      'errors',
      'quality',
      'accuracy',
      'memory',
      'spread',
      'stall',
      'queue',
      'cpu',
      'engine',
      'bias',
    ]);
    expect(isFaultName('drift')).toBe(true);
    expect(isFaultName('disk')).toBe(false);
    expect(activeFaults(faultSet('errors', 'drift'))).toEqual(['drift', 'errors']);
    expect(activeFaults(faultSet())).toEqual([]);
  });
});

// Each fault must cross the market-maker guide's *critical* column, or the demo shows nothing.
describe('each fault moves its metric past the critical level', () => {
  let reference: Record<string, unknown>[];
  let normal: Generated[];
  beforeAll(() => {
    reference = [...referenceRows({ rows: N, seed: 1 })];
    normal = generateRecords(N, { seed: SEED });
  });
  const faulty = (name: (typeof FAULT_NAMES)[number]) =>
    generateRecords(N, { seed: SEED, faults: faultSet(name) });

  it('latency: p95 above 0.25 s', () => {
    const gens = faulty('latency');
    expect(latencyQuantile(normal, 0.95)).toBeLessThan(0.1);
    expect(latencyQuantile(gens, 0.95)).toBeGreaterThan(0.25);
    expect(latencyQuantile(gens, 0.5)).toBeGreaterThan(0.25);
  });

  it('errors: more than 10 % failed, mostly one type', () => {
    const gens = faulty('errors');
    expect(errorRate(gens)).toBeGreaterThan(0.1);
    expect(errorRate(gens)).toBeLessThan(0.3);
    const failed = gens.filter((g) => g.record.error);
    const modelErrors = failed.filter((g) => g.record.error === 'model_error').length;
    expect(modelErrors / failed.length).toBeGreaterThan(0.7);
  });

  it('accuracy: below 0.75 (about 0.5)', () => {
    const acc = accuracy(faulty('accuracy'));
    expect(acc).toBeLessThan(0.75);
    expect(acc).toBeGreaterThan(0.4);
  });

  it('quality: more than 10 % missing values, and duplicate rows', () => {
    const gens = faulty('quality');
    const cells = gens.length * FEATURE_NAMES.length;
    const missing = gens.reduce(
      (a, g) => a + Object.values(g.record.features).filter((v) => v === null).length,
      0,
    );
    expect(missing / cells).toBeGreaterThan(0.1);
    const rows = gens.map((g) => JSON.stringify(g.record.features));
    const duplicates = rows.length - new Set(rows).size;
    expect(duplicates / rows.length).toBeGreaterThan(0.05);
    expect(new Set(gens.map((g) => g.record.id)).size).toBe(gens.length); // copies get their own id
    const normalRows = normal.map((g) => JSON.stringify(g.record.features));
    expect(new Set(normalRows).size).toBe(normalRows.length);
  });

  it('drift: several features shift by more than 1 reference std, and none do in normal mode', () => {
    const gens = faulty('drift');
    const shifted = NUMERIC_FEATURES.filter((f) => {
      const ref = meanStd(column(reference, f));
      const cur = meanStd(
        column(
          gens.map((g) => g.record.features),
          f,
        ),
      );
      return Math.abs(cur.mean - ref.mean) > ref.std;
    });
    expect(shifted).toEqual(expect.arrayContaining(['volume', 'volatility_10', 'spread_bps', 'rsi_14']));
    const drifted = NUMERIC_FEATURES.filter(
      (f) =>
        normedWasserstein(
          column(reference, f),
          column(
            gens.map((g) => g.record.features),
            f,
          ),
        ) >= 0.1,
    );
    expect(drifted.length / NUMERIC_FEATURES.length).toBeGreaterThan(0.5); // dataset drift, Evidently's share
    const volatile = gens.filter((g) => g.record.features.regime === 'volatile').length / gens.length;
    expect(volatile).toBeGreaterThan(0.5);
  });

  it('normal mode against the reference: every normed Wasserstein distance under 0.1 (no false drift)', () => {
    const current = normal.map((g) => g.record.features);
    for (const f of NUMERIC_FEATURES) {
      expect(normedWasserstein(column(reference, f), column(current, f)), f).toBeLessThan(0.1);
    }
  });

  it('spread: compliance below 0.8 (quotes within their limit)', () => {
    const within = (gens: Generated[]) => {
      const quoted = gens.filter((g) => g.record.spread !== undefined && g.record.spread_limit !== undefined);
      return quoted.filter((g) => g.record.spread! <= g.record.spread_limit!).length / quoted.length;
    };
    expect(within(normal)).toBeGreaterThan(0.9);
    expect(within(faulty('spread'))).toBeLessThan(0.8);
  });

  it('stall: about a tenth of the records are sent (20/s falls below 5/s)', () => {
    // generateRecords ticks until it has N records: the ticks it took tell the share sent
    const span = (gens: Generated[]) => Date.parse(gens.at(-1)!.record.ts) - Date.parse(gens[0]!.record.ts);
    const share = span(normal) / span(faulty('stall'));
    expect(share).toBeLessThan(0.25);
    expect(share).toBeGreaterThan(0.05);
  });

  it('bias: prediction drift above 0.2 against the reference outputs, under 0.1 in normal mode', () => {
    const ref = [...referenceRows({ rows: N, seed: 1, outputs: true })];
    const outputs = outputReference(
      frameOf(
        categoricalColumn(
          'prediction',
          ref.map((r) => r.prediction ?? null),
        ),
        numericColumn(
          'confidence',
          ref.map((r) => r.confidence ?? null),
        ),
      ),
    )!;
    const score = (gens: Generated[]) => {
      const ok = gens.filter((g) => g.record.prediction !== undefined);
      const current = {
        classes: countClasses(ok.map((g) => g.record.prediction)),
        confidence: ok.map((g) => g.record.confidence ?? Number.NaN),
      };
      return predictionDrift(outputs, current);
    };
    const healthy = score(normal);
    expect(healthy.score).toBeLessThan(0.1);
    const biased = score(faulty('bias'));
    expect(biased.classes!.psi).toBeGreaterThan(0.2);
    expect(biased.confidencePsi).toBeGreaterThan(0.2);
    // A 90 s demo window at 20/s 30 s into the fault (a third biased) is past the warning already, and one
    // 70 s after it ended (a fifth still biased) back under it.
    const mixed = (biased: number) => [...faulty('bias').slice(0, biased), ...normal.slice(biased, 1800)];
    expect(score(mixed(600)).score).toBeGreaterThan(0.1);
    expect(score(mixed(360)).score).toBeLessThan(0.1);
    expect(PREDICTION_DRIFT_MIN_ROWS).toBeLessThan(1800);
  });

  it('memory acts on the process, not on records', () => {
    const withMemory = generateRecords(300, { seed: SEED, faults: faultSet('memory') });
    expect(JSON.stringify(withMemory)).toBe(JSON.stringify(normal.slice(0, 300)));
  });
});

describe('fault streams are independent of the market and model', () => {
  it('the latency fault changes latencies only', () => {
    const a = generateRecords(500, { seed: 4 });
    const b = generateRecords(500, { seed: 4, faults: faultSet('latency') });
    const strip = (gens: Generated[]) =>
      JSON.stringify(gens.map((g) => ({ ...g.record, latency_seconds: 0 })));
    expect(strip(b)).toBe(strip(a));
    expect(b.map((g) => g.actual)).toEqual(a.map((g) => g.actual));
    const slower = a.filter(
      (g, i) => !g.record.error && b[i]!.record.latency_seconds > g.record.latency_seconds,
    );
    expect(slower.length).toBe(a.filter((g) => !g.record.error).length);
  });

  it('the bias fault changes outputs only: features and actuals stay the same', () => {
    const a = generateRecords(500, { seed: 4 });
    const b = generateRecords(500, { seed: 4, faults: faultSet('bias') });
    expect(JSON.stringify(b.map((g) => g.record.features))).toBe(
      JSON.stringify(a.map((g) => g.record.features)),
    );
    expect(b.map((g) => g.actual)).toEqual(a.map((g) => g.actual));
    const changed = b.filter((g, i) => g.record.prediction !== a[i]!.record.prediction);
    expect(changed.length).toBeGreaterThan(100);
    expect(changed.every((g) => g.record.prediction === 'buy')).toBe(true);
  });

  it('the drift fault keeps predictions and actuals', () => {
    const a = generateRecords(500, { seed: 4 });
    const b = generateRecords(500, { seed: 4, faults: faultSet('drift') });
    expect(b.map((g) => [g.record.prediction, g.actual])).toEqual(
      a.map((g) => [g.record.prediction, g.actual]),
    );
    expect(JSON.stringify(b.map((g) => g.record.features))).not.toBe(
      JSON.stringify(a.map((g) => g.record.features)),
    );
  });
});
