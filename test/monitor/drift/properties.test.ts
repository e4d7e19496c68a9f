import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { histogramSorted, sturgesEdges } from '../../../src/monitor/drift/binning.js';
import { detectDrift } from '../../../src/monitor/drift/index.js';
import { jensenShannon } from '../../../src/monitor/drift/methods/jensenshannon.js';
import { psiFromPercents } from '../../../src/monitor/drift/methods/psi.js';
import { wassersteinSorted } from '../../../src/monitor/drift/methods/wasserstein.js';
import type { MethodName } from '../../../src/monitor/drift/types.js';
import { categoricalColumn, frameOf, numericColumn } from '../../fixtures/drift/load.js';

const value = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const sample = fc.array(value, { minLength: 1, maxLength: 80 });
/** Few distinct values, to exercise ties and the value-count paths. */
const lumpy = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 80 });
const categories = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 80 });
/** Aligned shares: positive weights normalized, as countsToPercents would give after the floor. */
const shares = fc
  .array(
    fc.tuple(fc.double({ min: 1e-4, max: 1, noNaN: true }), fc.double({ min: 1e-4, max: 1, noNaN: true })),
    {
      minLength: 1,
      maxLength: 25,
    },
  )
  .map((pairs) => {
    const sr = pairs.reduce((s, [r]) => s + r, 0);
    const sc = pairs.reduce((s, [, c]) => s + c, 0);
    return {
      ref: Float64Array.from(pairs, ([r]) => r / sr),
      cur: Float64Array.from(pairs, ([, c]) => c / sc),
    };
  });

const sorted = (a: number[]) => Float64Array.from(a).sort();
const NUMERIC: MethodName[] = ['ks', 'wasserstein', 'psi', 'jensenshannon'];

function numericReport(ref: number[], cur: number[], withChi: boolean) {
  return detectDrift(frameOf(numericColumn('x', ref)), frameOf(numericColumn('x', cur)), {
    methods: withChi ? [...NUMERIC, 'chisquare'] : NUMERIC,
  }).columns[0]!;
}

/** scipy's _cdf_distance(1, u, v) written out directly: the reference for the merge walk. */
function naiveWasserstein(u: number[], v: number[]): number {
  const all = [...u, ...v].sort((a, b) => a - b);
  const su = sorted(u);
  const sv = sorted(v);
  const cdf = (s: Float64Array, x: number) => s.filter((y) => y <= x).length / s.length;
  let sum = 0;
  for (let k = 0; k + 1 < all.length; k++)
    sum += Math.abs(cdf(su, all[k]!) - cdf(sv, all[k]!)) * (all[k + 1]! - all[k]!);
  return sum;
}

describe('drift properties', () => {
  it('p-values are in [0, 1] and every score is finite, for every numeric method', () => {
    fc.assert(
      fc.property(fc.oneof(sample, lumpy), fc.oneof(sample, lumpy), (ref, cur) => {
        const withChi = new Set(ref).size <= 5;
        for (const t of Object.values(numericReport(ref, cur, withChi).tests!)) {
          if (t.pValue !== null) {
            expect(t.pValue).toBeGreaterThanOrEqual(0);
            expect(t.pValue).toBeLessThanOrEqual(1);
          } else {
            expect(Number.isFinite(t.statistic)).toBe(true);
            expect(t.statistic).toBeGreaterThanOrEqual(0);
          }
        }
      }),
    );
  });

  it('categorical methods give p in [0, 1] and finite, non-negative distances', () => {
    fc.assert(
      fc.property(categories, categories, (ref, cur) => {
        const r = detectDrift(frameOf(categoricalColumn('c', ref)), frameOf(categoricalColumn('c', cur)), {
          methods: ['chisquare', 'psi', 'jensenshannon'],
        }).columns[0]!;
        const { chisquare, psi, jensenshannon } = r.tests!;
        expect(chisquare!.pValue).toBeGreaterThanOrEqual(0);
        expect(chisquare!.pValue).toBeLessThanOrEqual(1);
        for (const d of [psi!.statistic, jensenshannon!.statistic]) {
          expect(Number.isFinite(d) && d >= 0).toBe(true);
        }
      }),
    );
  });

  it('identical samples never drift, with any method', () => {
    fc.assert(
      fc.property(fc.oneof(sample, lumpy), (x) => {
        const col = numericReport(x, x, new Set(x).size <= 5);
        for (const t of Object.values(col.tests!)) expect(t.drifted).toBe(false);
      }),
    );
    fc.assert(
      fc.property(categories, (x) => {
        const frame = frameOf(categoricalColumn('c', x));
        const col = detectDrift(frame, frame, { methods: ['chisquare', 'psi', 'jensenshannon'] }).columns[0]!;
        for (const t of Object.values(col.tests!)) expect(t.drifted).toBe(false);
      }),
    );
  });

  it('unnormalized wasserstein is symmetric, >= 0 and equals scipy`s algorithm written naively', () => {
    fc.assert(
      fc.property(fc.oneof(sample, lumpy), fc.oneof(sample, lumpy), (u, v) => {
        const uv = wassersteinSorted(sorted(u), sorted(v));
        expect(uv).toBe(wassersteinSorted(sorted(v), sorted(u)));
        expect(uv).toBeGreaterThanOrEqual(0);
        const naive = naiveWasserstein(u, v);
        expect(Math.abs(uv - naive)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(naive)));
      }),
    );
  });

  it('jensen-shannon and psi are symmetric and >= 0 on aligned shares', () => {
    fc.assert(
      fc.property(shares, ({ ref, cur }) => {
        const js = jensenShannon({ ref, cur });
        expect(js).toBe(jensenShannon({ ref: cur, cur: ref }));
        expect(js).toBeGreaterThanOrEqual(0);
        expect(js).toBeLessThanOrEqual(Math.sqrt(Math.LN2) + 1e-12);
        const psi = psiFromPercents({ ref, cur });
        // ln(r / c) and -ln(c / r) may differ in the last bit, so PSI is symmetric to rounding.
        expect(Math.abs(psi - psiFromPercents({ ref: cur, cur: ref }))).toBeLessThanOrEqual(
          1e-14 * (1 + psi),
        );
        expect(psi).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('the Sturges histogram of a sample counts every value once', () => {
    fc.assert(
      fc.property(sample, (x) => {
        const s = sorted(x);
        const edges = sturgesEdges(s[0]!, s[s.length - 1]!, s.length);
        const counts = histogramSorted(s, edges);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(s.length);
      }),
    );
  });
});
