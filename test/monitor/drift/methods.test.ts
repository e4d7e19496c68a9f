import { describe, expect, it } from 'vitest';
import { categoricalCounts } from '../../../src/monitor/drift/categorical.js';
import { autoMethod } from '../../../src/monitor/drift/choose.js';
import { meanStdChange } from '../../../src/monitor/drift/guide-statistic.js';
import { wassersteinSorted } from '../../../src/monitor/drift/methods/wasserstein.js';
import { DRIFT_METHODS } from '../../../src/monitor/drift/registry.js';
import { SortedPair, sortedFinite } from '../../../src/monitor/drift/sorted-pair.js';
import type { AlignedCounts, MethodName } from '../../../src/monitor/drift/types.js';
import { expectClose, fixture, type JsonNum, num } from '../../fixtures/drift/load.js';

interface Expected {
  refRows: number;
  curRows: number;
  refDistinct: number;
  auto: MethodName;
  psi: JsonNum;
  jensenshannon: JsonNum;
  chisquare?: { statistic: JsonNum; pValue: JsonNum };
  wasserstein?: JsonNum;
  wassersteinRaw?: JsonNum;
  ks?: { statistic: JsonNum; pValue: JsonNum };
  meanStdChange?: JsonNum;
}

interface MethodCase {
  name: string;
  kind: 'numeric' | 'categorical';
  ref: (number | string | null)[];
  cur: (number | string | null)[];
  expected: Expected;
}

const cases = fixture<MethodCase[]>('methods');
const numeric = cases.filter((c) => c.kind === 'numeric');
const categorical = cases.filter((c) => c.kind === 'categorical');

function pairOf(c: MethodCase): SortedPair {
  const f = (v: (number | string | null)[]) =>
    Float64Array.from(v, (x) => (x === null ? Number.NaN : Number(x)));
  return new SortedPair(sortedFinite(f(c.ref)), sortedFinite(f(c.cur)));
}

function countsOf(c: MethodCase): { counts: AlignedCounts; refDistinct: number } {
  return categoricalCounts(c.ref as (string | null)[], c.cur as (string | null)[]);
}

describe('numeric columns against the Evidently formulas on scipy/numpy', () => {
  it.each(numeric)('$name: normalized wasserstein and raw scipy distance', (c) => {
    const pair = pairOf(c);
    expectClose(wassersteinSorted(pair.ref, pair.cur), num(c.expected.wassersteinRaw!), 'raw');
    expectClose(DRIFT_METHODS.wasserstein.numeric!(pair).statistic, num(c.expected.wasserstein!), 'norm');
  });

  it.each(numeric)('$name: psi and jensenshannon', (c) => {
    const pair = pairOf(c);
    expectClose(DRIFT_METHODS.psi.numeric!(pair).statistic, num(c.expected.psi), 'psi');
    expectClose(DRIFT_METHODS.jensenshannon.numeric!(pair).statistic, num(c.expected.jensenshannon), 'js');
  });

  it.each(numeric.filter((c) => c.expected.chisquare))('$name: chisquare on the values', (c) => {
    const r = DRIFT_METHODS.chisquare.numeric!(pairOf(c));
    expectClose(r.statistic, num(c.expected.chisquare!.statistic), 'statistic');
    expectClose(r.pValue!, num(c.expected.chisquare!.pValue), 'p');
  });

  it.each(numeric)('$name: ks through ks2sampSorted', (c) => {
    const r = DRIFT_METHODS.ks.numeric!(pairOf(c));
    expectClose(r.statistic, num(c.expected.ks!.statistic), 'statistic');
    expectClose(r.pValue!, num(c.expected.ks!.pValue), 'p');
  });

  it.each(numeric)('$name: row counts, distinct values, auto method, guide statistic', (c) => {
    const pair = pairOf(c);
    expect([pair.ref.length, pair.cur.length, pair.refDistinct]).toEqual([
      c.expected.refRows,
      c.expected.curRows,
      c.expected.refDistinct,
    ]);
    expect(autoMethod('numeric', pair.ref.length, pair.refDistinct)).toBe(c.expected.auto);
    expectClose(meanStdChange(pair.ref, pair.cur), num(c.expected.meanStdChange!), 'meanStdChange');
  });
});

describe('categorical columns', () => {
  it.each(categorical)('$name: psi, jensenshannon, chisquare, auto method', (c) => {
    const { counts, refDistinct } = countsOf(c);
    expect([counts.nRef, counts.nCur, refDistinct]).toEqual([
      c.expected.refRows,
      c.expected.curRows,
      c.expected.refDistinct,
    ]);
    expectClose(DRIFT_METHODS.psi.categorical!(counts).statistic, num(c.expected.psi), 'psi');
    expectClose(
      DRIFT_METHODS.jensenshannon.categorical!(counts).statistic,
      num(c.expected.jensenshannon),
      'js',
    );
    const chi = DRIFT_METHODS.chisquare.categorical!(counts);
    expectClose(chi.statistic, num(c.expected.chisquare!.statistic), 'chi statistic');
    expectClose(chi.pValue!, num(c.expected.chisquare!.pValue), 'chi p');
    expect(autoMethod('categorical', counts.nRef, refDistinct)).toBe(c.expected.auto);
  });

  it('a category only in current makes chi-square infinite with p = 0, as scipy does', () => {
    const { counts } = categoricalCounts(['a', 'b', 'a'], ['a', 'b', 'c']);
    expect(DRIFT_METHODS.chisquare.categorical!(counts)).toEqual({
      statistic: Number.POSITIVE_INFINITY,
      pValue: 0,
    });
  });
});

describe('the registry', () => {
  it('maps each name to its implementation, with Evidently kinds and default thresholds', () => {
    const summary = Object.values(DRIFT_METHODS).map((m) => [m.name, m.kind, m.defaultThreshold]);
    expect(summary).toEqual([
      ['ks', 'test', 0.05],
      ['wasserstein', 'distance', 0.1],
      ['psi', 'distance', 0.1],
      ['jensenshannon', 'distance', 0.1],
      ['chisquare', 'test', 0.05],
    ]);
    for (const [name, m] of Object.entries(DRIFT_METHODS)) expect(m.name).toBe(name);
  });

  it('gives ks and wasserstein no categorical form', () => {
    expect(DRIFT_METHODS.ks.categorical).toBeUndefined();
    expect(DRIFT_METHODS.wasserstein.categorical).toBeUndefined();
  });
});

describe('autoMethod (Evidently _get_default_stattest)', () => {
  it.each([
    ['numeric', 1000, 6, 'ks'],
    ['numeric', 1000, 5, 'chisquare'],
    ['numeric', 1001, 6, 'wasserstein'],
    ['numeric', 1001, 5, 'jensenshannon'],
    ['categorical', 1000, 50, 'chisquare'],
    ['categorical', 1001, 2, 'jensenshannon'],
  ] as const)('%s, %d rows, %d distinct -> %s', (kind, rows, distinct, method) => {
    expect(autoMethod(kind, rows, distinct)).toBe(method);
  });
});
