import { describe, expect, it } from 'vitest';
import { detectDrift } from '../../../src/monitor/drift/index.js';
import type { Column } from '../../../src/monitor/frame/types.js';
import {
  categoricalColumn,
  expectClose,
  fixture,
  frameOf,
  type JsonNum,
  num,
  numericColumn,
} from '../../fixtures/drift/load.js';

type Stat = JsonNum | { statistic: JsonNum; pValue: JsonNum };

interface FrameCase {
  name: string;
  columns: {
    name: string;
    kind: 'numeric' | 'categorical';
    ref: (number | string | null)[];
    cur: (number | string | null)[];
    expected: Record<string, Stat> & {
      auto: string;
      refRows: number;
      curRows: number;
      meanStdChange?: JsonNum;
    };
  }[];
}

const frames = fixture<FrameCase[]>('frames');

function build(fc: FrameCase, side: 'ref' | 'cur') {
  return frameOf(
    ...fc.columns.map(
      (c): Column =>
        c.kind === 'numeric'
          ? numericColumn(c.name, c[side] as (number | null)[])
          : categoricalColumn(c.name, c[side] as (string | null)[]),
    ),
  );
}

describe('detectDrift on small frames (auto choice and values from scipy)', () => {
  it.each(frames)('$name: each column uses the auto method with the right statistic', (fc) => {
    // Evidently's fixed thresholds and alpha per column; the calibrated decisions have their own tests.
    const report = detectDrift(build(fc, 'ref'), build(fc, 'cur'), { calibrate: false });
    expect(report.columns.map((c) => c.column)).toEqual(fc.columns.map((c) => c.name));
    for (const [i, col] of report.columns.entries()) {
      const e = fc.columns[i]!.expected;
      expect(col.method).toBe(e.auto);
      expect([col.referenceRows, col.currentRows]).toEqual([e.refRows, e.curRows]);
      const ref = e[e.auto]!;
      if (typeof ref === 'object') {
        expectClose(col.statistic, num(ref.statistic), `${col.column} statistic`);
        expectClose(col.pValue!, num(ref.pValue), `${col.column} p`);
        expect(col.score).toBe(col.pValue);
        expect(col.threshold).toBe(0.05);
        expect(col.drifted).toBe(col.pValue! <= 0.05);
      } else {
        expectClose(col.statistic, num(ref), `${col.column} distance`);
        expect(col.pValue).toBeNull();
        expect(col.score).toBe(col.statistic);
        expect(col.threshold).toBe(0.1);
        expect(col.drifted).toBe(col.statistic >= 0.1);
      }
      if (e.meanStdChange !== undefined)
        expectClose(col.meanStdChange!, num(e.meanStdChange), 'meanStdChange');
      else expect(col.meanStdChange).toBeUndefined();
    }
  });

  it.each(frames)(
    '$name: methods=[ks, wasserstein, psi] reports each in `tests` and decides on the first',
    (fc) => {
      const report = detectDrift(build(fc, 'ref'), build(fc, 'cur'), {
        methods: ['ks', 'wasserstein', 'psi'],
        columns: ['price'],
      });
      const col = report.columns[0]!;
      const e = fc.columns.find((c) => c.name === 'price')!.expected;
      expect(Object.keys(col.tests!)).toEqual(['ks', 'wasserstein', 'psi']);
      expect(col.method).toBe('ks');
      expect(col.tests!.ks).toEqual({
        statistic: col.statistic,
        pValue: col.pValue,
        score: col.score,
        threshold: col.threshold,
        drifted: col.drifted,
      });
      expectClose(col.tests!.wasserstein!.statistic, num(e.wasserstein as JsonNum), 'wasserstein');
      expectClose(col.tests!.psi!.statistic, num(e.psi as JsonNum), 'psi');
      expect(col.tests!.psi!.pValue).toBeNull();
    },
  );
});

const ref = frameOf(
  numericColumn('a', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  numericColumn('b', [1, 1, 2, 2, 3, 3, 1, 2, 3, 1]),
  categoricalColumn('c', ['x', 'y', 'x', 'y', 'x', 'y', 'x', 'y', 'x', null]),
  numericColumn('gone', [Number.NaN, Number.NaN, Number.NaN, Number.NaN, 1, 2, 3, 4, 5, 6]),
);
const cur = frameOf(
  numericColumn('a', [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]),
  numericColumn('b', [1, 2, 3, 1, 2, 3, 1, 2, 3, 2]),
  categoricalColumn('c', ['x', 'y', 'y', 'x', 'x', 'y', 'x', 'y', 'x', 'x']),
  numericColumn('gone', new Array(10).fill(null)),
  numericColumn('extra', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
);

describe('decisions and the dataset verdict', () => {
  it('tests every column present in both frames, in reference order', () => {
    const report = detectDrift(ref, cur);
    expect(report.columns.map((c) => c.column)).toEqual(['a', 'b', 'c', 'gone']);
  });

  it('drifts a test when p <= alpha, and only then', () => {
    const a = detectDrift(ref, cur, { columns: ['a'], method: 'ks' }).columns[0]!;
    expect(a.pValue!).toBeLessThan(0.05);
    expect(a.drifted).toBe(true);
    const strict = detectDrift(ref, cur, { columns: ['a'], method: 'ks', alpha: a.pValue! }).columns[0]!;
    expect(strict.drifted).toBe(true); // p <= alpha includes equality
    const looser = detectDrift(ref, cur, { columns: ['a'], method: 'ks', alpha: a.pValue! / 2 }).columns[0]!;
    expect(looser.drifted).toBe(false);
  });

  it('drifts a distance when it is >= its threshold (Evidently`s fixed one)', () => {
    const w = detectDrift(ref, cur, { columns: ['a'], method: 'wasserstein', calibrate: false }).columns[0]!;
    expect(w.threshold).toBe(0.1);
    expect(w.drifted).toBe(true);
    const at = detectDrift(ref, cur, {
      columns: ['a'],
      method: 'wasserstein',
      thresholds: { wasserstein: w.statistic },
      calibrate: false,
    });
    expect(at.columns[0]!.drifted).toBe(true);
    const above = detectDrift(ref, cur, {
      columns: ['a'],
      method: 'wasserstein',
      thresholds: { wasserstein: w.statistic * 1.01 },
      calibrate: false,
    });
    expect(above.columns[0]!.drifted).toBe(false);
  });

  it('reports the guide statistic but never decides on it (near-zero means blow it up)', () => {
    const x = [-5, -4, -3, -2, -1, 1, 2, 3, 4, 5];
    const r = frameOf(numericColumn('z', x));
    const c = frameOf(
      numericColumn(
        'z',
        x.map((v) => v + 1e-6),
      ),
    );
    const z = detectDrift(r, c).columns[0]!;
    expect(z.meanStdChange!).toBeGreaterThan(40); // |1e-6| / (|0| + 1e-8) / 2
    expect(z.method).toBe('ks');
    expect(z.drifted).toBe(false);
  });

  it('dataset drift when the drifted share >= datasetShare', () => {
    const report = detectDrift(ref, cur, { columns: ['a', 'b'] });
    expect(report.columns.map((c) => c.drifted)).toEqual([true, false]);
    expect(report.driftedShare).toBe(0.5);
    expect(report.datasetDrift).toBe(true);
    expect(detectDrift(ref, cur, { columns: ['a', 'b'], datasetShare: 0.51 }).datasetDrift).toBe(false);
  });

  it('no columns: share 0, no drift', () => {
    expect(detectDrift(ref, cur, { columns: [] })).toEqual({
      columns: [],
      driftedShare: 0,
      datasetDrift: false,
    });
  });

  it('drops missing values per column and reports the counts it tested', () => {
    const c = detectDrift(ref, cur, { columns: ['c'] }).columns[0]!;
    expect([c.referenceRows, c.currentRows]).toEqual([9, 10]);
    expect(c.method).toBe('chisquare');
  });

  it('reports a column with no values left on a side without testing it', () => {
    const g = detectDrift(ref, cur, { columns: ['gone'] }).columns[0]!;
    expect(g).toMatchObject({ column: 'gone', method: 'ks', pValue: null, drifted: false, currentRows: 0 });
    expect(g.statistic).toBeNaN();
    expect(g.note).toMatch(/no non-missing values in current/);
    const w = detectDrift(ref, cur, { columns: ['gone'], method: 'wasserstein' }).columns[0]!;
    expect(w).toMatchObject({ method: 'wasserstein', threshold: 0.1, drifted: false });
  });

  it('keeps the JSON key order of the check drift --json contract', () => {
    const c = detectDrift(ref, cur, { columns: ['a'] }).columns[0]!;
    expect(Object.keys(c)).toEqual([
      'column',
      'method',
      'statistic',
      'pValue',
      'score',
      'threshold',
      'drifted',
      'meanStdChange',
      'referenceRows',
      'currentRows',
    ]);
  });
});

describe('errors', () => {
  it('names a requested column that is missing', () => {
    expect(() => detectDrift(ref, cur, { columns: ['a', 'extra'] })).toThrow(
      /"extra" is not in the reference/,
    );
    expect(() => detectDrift(ref, cur, { columns: ['nope'] })).toThrow(/"nope" is not in either frame/);
  });

  it('names the column and method when the method does not apply', () => {
    expect(() => detectDrift(ref, cur, { columns: ['c'], method: 'ks' })).toThrow(
      /"ks" does not apply to categorical column "c"/,
    );
    expect(() => detectDrift(ref, cur, { columns: ['c'], method: 'wasserstein' })).toThrow(
      /"wasserstein".*"c"/,
    );
    expect(() => detectDrift(ref, cur, { columns: ['a'], method: 'chisquare' })).toThrow(
      /"chisquare" does not apply to numeric column "a": it has 10 distinct/,
    );
  });

  it('accepts psi and jensenshannon on categorical columns, as Evidently registers them', () => {
    const r = detectDrift(ref, cur, { columns: ['c'], methods: ['psi', 'jensenshannon', 'chisquare'] });
    expect(Object.keys(r.columns[0]!.tests!)).toEqual(['psi', 'jensenshannon', 'chisquare']);
  });

  it('rejects unknown methods and out-of-range options', () => {
    expect(() => detectDrift(ref, cur, { method: 'z' as never })).toThrow(/unknown drift method "z"/);
    expect(() => detectDrift(ref, cur, { alpha: 2 })).toThrow(/alpha/);
    expect(() => detectDrift(ref, cur, { datasetShare: -1 })).toThrow(/datasetShare/);
    expect(() => detectDrift(ref, cur, { thresholds: { psi: Number.NaN } })).toThrow(/thresholds.psi/);
  });

  it('rejects a column whose kind differs between the frames, and timestamp columns', () => {
    const r = frameOf(numericColumn('x', [1, 2]));
    const c = frameOf(categoricalColumn('x', ['1', '2']));
    expect(() => detectDrift(r, c)).toThrow(/"x" is numeric in the reference but categorical/);
    const t = frameOf({
      kind: 'timestamp',
      name: 'ts',
      dtype: 'datetime',
      values: Float64Array.of(1, 2),
      invalid: 0,
    });
    expect(detectDrift(t, t).columns).toEqual([]);
    expect(() => detectDrift(t, t, { columns: ['ts'] })).toThrow(/"ts" is a timestamp column/);
  });
});
