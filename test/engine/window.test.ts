import { describe, expect, it } from 'vitest';
import type { PredictionRecord } from '../../src/engine/records.js';
import { PredictionWindow, windowOptions } from '../../src/engine/window.js';

const T0 = Date.UTC(2024, 4, 1, 12);
const MIN = 60_000;

function rec(n: number, extra: Partial<PredictionRecord> = {}): PredictionRecord {
  return {
    id: `r${n}`,
    ts: T0 + n,
    features: { close: n, vol: n * 2 },
    prediction: n % 2 ? 'up' : 'down',
    ...extra,
  };
}
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('PredictionWindow bounds', () => {
  it('keeps the last N records, across chunk boundaries', () => {
    const w = new PredictionWindow({ maxRecords: 5000, maxAgeMs: 60 * MIN });
    w.add(range(0, 9000).map((n) => rec(n)));
    expect(w.size).toBe(5000);
    const s = w.snapshot(T0);
    expect(s.rows).toBe(5000);
    expect(s.id[0]).toBe('r4000');
    expect(s.id.at(-1)).toBe('r8999');
    expect([s.from, s.to]).toEqual([T0 + 4000, T0 + 8999]);
    expect(s.features.columns.map((c) => c.name)).toEqual(['close', 'vol']);
    expect(Array.from(s.features.columns[0]!.values as Float64Array).slice(0, 3)).toEqual([4000, 4001, 4002]);
  });

  it('keeps the last T, judged on each record ts', () => {
    const w = new PredictionWindow({ maxRecords: 100, maxAgeMs: 10 * MIN });
    w.add(range(0, 20).map((n) => rec(n, { ts: T0 + n * MIN })));
    const s = w.snapshot(T0 + 19 * MIN);
    expect(s.id).toEqual(range(9, 20).map((n) => `r${n}`));
    expect(w.size).toBe(11);
  });

  it('leaves out late records behind a newer head, then evicts them as the head passes', () => {
    const w = new PredictionWindow({ maxRecords: 100, maxAgeMs: 10 * MIN });
    w.add([rec(1, { ts: T0 + 20 * MIN }), rec(2, { ts: T0 }), rec(3, { ts: T0 + 21 * MIN })]);
    expect(w.snapshot(T0 + 25 * MIN).id).toEqual(['r1', 'r3']);
    expect(w.size).toBe(3); // r2 still occupies a slot until r1 is evicted
    expect(w.snapshot(T0 + 30.5 * MIN).id).toEqual(['r3']);
    expect(w.size).toBe(1);
  });

  it('is empty-safe', () => {
    const w = new PredictionWindow({ maxRecords: 10, maxAgeMs: MIN });
    expect(w.snapshot(T0)).toMatchObject({
      rows: 0,
      from: null,
      to: null,
      id: [],
      features: { rows: 0, columns: [] },
    });
    w.add([rec(1)]);
    expect(w.snapshot(T0 + 10 * MIN).rows).toBe(0);
    w.add([rec(2, { ts: T0 + 10 * MIN })]);
    expect(w.snapshot(T0 + 10 * MIN).id).toEqual(['r2']);
  });

  it('reads its bounds from the config', () => {
    const engine = {
      window: { max_records: 10000, max_age: '60m', max_future_skew: '5m', max_features: 1024 },
    } as Parameters<typeof windowOptions>[0];
    expect(windowOptions(engine)).toEqual({
      maxRecords: 10000,
      maxAgeMs: 3_600_000,
      maxFutureMs: 300_000,
      maxFeatures: 1024,
    });
  });
});

describe('PredictionWindow columns', () => {
  it('returns every field column-wise, with NaN and null for absent values', () => {
    const w = new PredictionWindow({ maxRecords: 10, maxAgeMs: MIN });
    w.add([
      rec(1, {
        model: 'm1',
        asset_class: 'fx',
        confidence: 0.9,
        latency_seconds: 0.05,
        spread: -0.2,
        spread_limit: 1,
      }),
      rec(2, { error: 'timeout', prediction: undefined, actual: 1 }),
    ]);
    const s = w.snapshot(T0);
    expect(s.model).toEqual(['m1', null]);
    expect(s.assetClass).toEqual(['fx', null]);
    expect(s.prediction).toEqual(['up', null]);
    expect(s.actual).toEqual([null, 1]);
    expect(s.error).toEqual([null, 'timeout']);
    expect(Array.from(s.confidence)).toEqual([0.9, Number.NaN]);
    expect(Array.from(s.latencySeconds)).toEqual([0.05, Number.NaN]);
    expect(Array.from(s.spread)).toEqual([-0.2, Number.NaN]);
    expect(Array.from(s.spreadLimit)).toEqual([1, Number.NaN]);
  });

  it('types features as monitor columns: numeric, categorical, mixed, and missing', () => {
    const w = new PredictionWindow({ maxRecords: 10, maxAgeMs: MIN });
    w.add([
      rec(1, { features: { n: 1.5, i: 1, c: 'a', mix: 1, sparse: null } }),
      rec(2, { features: { n: null, i: 2, c: 'b', mix: 'x' } }),
      rec(3, { features: { n: 3, i: 3, c: 7, mix: 'y' } }),
    ]);
    const cols = Object.fromEntries(w.snapshot(T0).features.columns.map((c) => [c.name, c]));
    expect(cols.n).toMatchObject({ kind: 'numeric', dtype: 'float64', invalid: 0 });
    expect(Array.from(cols.n!.values as Float64Array)).toEqual([1.5, Number.NaN, 3]);
    expect(cols.i).toMatchObject({ kind: 'numeric', dtype: 'int64', invalid: 0 });
    expect(cols.c).toMatchObject({
      kind: 'categorical',
      dtype: 'string',
      values: ['a', 'b', '7'],
      invalid: 1,
    });
    expect(cols.mix).toMatchObject({ kind: 'categorical', values: ['1', 'x', 'y'], invalid: 1 });
    expect(cols.sparse).toMatchObject({ kind: 'numeric', dtype: 'float64' });
    expect(Array.from(cols.sparse!.values as Float64Array)).toEqual([Number.NaN, Number.NaN, Number.NaN]);
  });

  it('interns repeated strings', () => {
    const w = new PredictionWindow({ maxRecords: 10, maxAgeMs: MIN });
    const a = ['u', 'p'].join('');
    const b = ['u', 'p'].join('');
    w.add([rec(1, { prediction: a }), rec(3, { prediction: b })]);
    const [x, y] = w.snapshot(T0).prediction;
    expect(x).toBe('up');
    expect(Object.is(x, y)).toBe(true);
  });

  it('caps distinct feature names, and frees names that leave the window', () => {
    const w = new PredictionWindow({ maxRecords: 4096, maxAgeMs: 60 * MIN, maxFeatures: 2 });
    w.add([rec(1, { features: { a: 1, b: 2, c: 3 } })]);
    expect(w.droppedFeatureValues).toBe(1);
    w.add([rec(2, { features: { d: 1 } })]);
    expect(w.droppedFeatureValues).toBe(2);
    w.add(range(0, 8190).map((n) => rec(n, { features: {} }))); // the first chunk slides out
    w.add([rec(5000, { features: { y: 1, z: 2 } })]);
    expect(w.snapshot(T0).features.columns.map((c) => c.name)).toEqual(['y', 'z']);
    expect(w.droppedFeatureValues).toBe(2);
  });

  it('lists only features that a record in the window carried', () => {
    const w = new PredictionWindow({ maxRecords: 2, maxAgeMs: 60 * MIN });
    w.add([
      rec(1, { features: { gone: 1 } }),
      rec(2, { features: { kept: null } }),
      rec(3, { features: {} }),
    ]);
    const cols = w.snapshot(T0).features.columns;
    expect(cols.map((c) => c.name)).toEqual(['kept']); // 'gone' left with r1; an all-null 'kept' stays visible
    expect(Array.from(cols[0]!.values as Float64Array)).toEqual([Number.NaN, Number.NaN]);
    expect(w.snapshot(T0, ['kept', 'gone', 'never']).features.columns.map((c) => c.name)).toEqual(['kept']);
  });
});

describe('PredictionWindow actuals', () => {
  it('applies an actual to the record with that id', () => {
    const w = new PredictionWindow({ maxRecords: 10, maxAgeMs: MIN });
    w.add([rec(1), rec(2)]);
    expect(w.applyActual('r2', 'up', T0)).toBe(true);
    expect(w.snapshot(T0).actual).toEqual([null, 'up']);
  });

  it('applies to the latest record when an id repeats', () => {
    const w = new PredictionWindow({ maxRecords: 10, maxAgeMs: MIN });
    w.add([rec(1), rec(1, { ts: T0 + 5 })]);
    w.applyActual('r1', 'down', T0);
    expect(w.snapshot(T0).actual).toEqual([null, 'down']);
  });

  it('holds an early actual until its prediction arrives, for max_age at most', () => {
    const w = new PredictionWindow({ maxRecords: 10, maxAgeMs: MIN });
    expect(w.applyActual('r1', 'up', T0)).toBe(false);
    expect(w.applyActual('r2', 'down', T0)).toBe(false);
    expect(w.pendingActuals).toBe(2);
    w.add([rec(1)]);
    expect(w.snapshot(T0).actual).toEqual(['up']);
    expect(w.pendingActuals).toBe(1);
    w.evict(T0 + 2 * MIN);
    expect(w.pendingActuals).toBe(0);
    w.add([rec(2, { ts: T0 + 2 * MIN })]);
    expect(w.snapshot(T0 + 2 * MIN).actual).toEqual([null]);
  });

  it('bounds pending actuals, dropping the oldest', () => {
    const w = new PredictionWindow({ maxRecords: 10, maxAgeMs: MIN, maxPendingActuals: 3 });
    for (const n of range(0, 5)) w.applyActual(`r${n}`, n, T0);
    expect(w.pendingActuals).toBe(3);
    w.add([rec(0), rec(1), rec(4)]);
    expect(w.snapshot(T0).actual).toEqual([null, null, 4]);
  });

  it('forgets ids that left the window', () => {
    const w = new PredictionWindow({ maxRecords: 2, maxAgeMs: MIN });
    w.add([rec(1), rec(2), rec(3)]);
    expect(w.applyActual('r1', 'up', T0)).toBe(false);
    expect(w.snapshot(T0).actual).toEqual([null, null]);
  });
});
