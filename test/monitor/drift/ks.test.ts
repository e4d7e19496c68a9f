import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kstwoSf } from '../../../src/monitor/drift/ks/kolmogorov.js';
import { ks2samp, ks2sampSorted, ksStatisticSorted } from '../../../src/monitor/drift/ks/ks.js';
import {
  probOutsideInside,
  probOutsideSquare,
  roundHalfEven,
} from '../../../src/monitor/drift/ks/ks-exact.js';
import { smirnovSf } from '../../../src/monitor/drift/ks/smirnov.js';

interface KsCase {
  name: string;
  a: number[];
  b: number[];
  statistic: number;
  pvalue: number;
  method: 'exact' | 'asymp';
}

interface KstwoPoint {
  n: number;
  x: number;
  sf: number;
}

const fixture = <T>(file: string): T =>
  JSON.parse(readFileSync(new URL(`../../fixtures/ks/${file}`, import.meta.url), 'utf8')) as T;

const cases = fixture<KsCase[]>('ks_2samp.json');
const grid = fixture<KstwoPoint[]>('kstwo_sf.json');
const smirnovPoints = fixture<KstwoPoint[]>('smirnov_sf.json');

/** The acceptance rule: within 1e-9 absolute or 1e-6 relative of scipy. */
function expectP(actual: number, expected: number, label: string): void {
  const ok = Math.abs(actual - expected) <= 1e-9 || Math.abs(actual - expected) <= 1e-6 * Math.abs(expected);
  expect(ok, `${label}: got ${actual}, scipy ${expected}`).toBe(true);
}

const sorted = (xs: ArrayLike<number>): Float64Array => Float64Array.from(xs).sort();

/** scipy's own D: both ECDFs by searchsorted(side='right') at every pooled value. */
function scipyStatistic(a: Float64Array, b: Float64Array): number {
  const upper = (xs: Float64Array, v: number): number => {
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let maxS = Number.NEGATIVE_INFINITY;
  let minD = Number.POSITIVE_INFINITY;
  for (const v of [...a, ...b]) {
    const diff = upper(a, v) / a.length - upper(b, v) / b.length;
    maxS = Math.max(maxS, diff);
    minD = Math.min(minD, diff);
  }
  const minS = Math.min(Math.max(-minD, 0), 1);
  return Math.max(minS, maxS);
}

describe('ks2samp matches scipy.stats.ks_2samp (scipy 1.10.1 fixtures)', () => {
  it('has fixtures covering exact, asymptotic and fallback paths', () => {
    expect(cases.length).toBeGreaterThan(30);
    expect(cases.some((c) => c.method === 'asymp' && Math.max(c.a.length, c.b.length) <= 10000)).toBe(true);
  });

  for (const c of cases) {
    it(`${c.name} (${c.a.length} vs ${c.b.length}, ${c.method})`, () => {
      const res = ks2samp(c.a, c.b);
      expect(Math.abs(res.statistic - c.statistic)).toBeLessThanOrEqual(1e-12);
      expectP(res.pValue, c.pvalue, c.name);
      expect(res.method).toBe(c.method);
      // Symmetric in the two samples, and the sorted core gives the same answer.
      const swapped = ks2sampSorted(sorted(c.b), sorted(c.a));
      expect(swapped.statistic).toBe(res.statistic);
      expect(swapped.pValue).toBe(res.pValue);
    });
  }
});

describe('kstwoSf matches scipy.stats.kstwo.sf', () => {
  it(`all ${grid.length} grid points (every kolmogn / smirnov branch)`, () => {
    for (const p of grid) expectP(kstwoSf(p.x, p.n), p.sf, `kstwo.sf(${p.x}, ${p.n})`);
  });

  it(`smirnovSf matches scipy.special.smirnov on its ${smirnovPoints.length} branch points`, () => {
    for (const p of smirnovPoints) expectP(smirnovSf(p.n, p.x), p.sf, `smirnov(${p.n}, ${p.x})`);
  });

  it('support ends and invalid n', () => {
    expect(kstwoSf(0.5 / 10, 10)).toBe(1);
    expect(kstwoSf(1, 10)).toBe(0);
    expect(kstwoSf(0.3, 0)).toBeNaN();
    expect(kstwoSf(0.3, 2.5)).toBeNaN();
  });
});

describe('known values', () => {
  it('fully separated 3 vs 3: D = 1, p = 2 / C(6, 3) (scipy returns 0.09999999999999999)', () => {
    const res = ks2samp([1, 2, 3], [4, 5, 6]);
    expect(res).toEqual({ statistic: 1, pValue: 0.09999999999999999, method: 'exact' });
    expect(ks2samp([1, 2], [3]).pValue).toBe(0.6666666666666666);
  });

  it('ties are compared after every copy of a value (searchsorted side=right)', () => {
    expect(ksStatisticSorted(sorted([0, 0, 1, 1]), sorted([0, 1, 1, 1]))).toBe(0.25);
    expect(ksStatisticSorted(sorted([1, 1, 1]), sorted([1, 1]))).toBe(0);
  });

  it('exact path helpers', () => {
    expect(probOutsideSquare(3, 3)).toBeCloseTo(0.1, 15);
    expect(probOutsideInside(2, 1, 1, 2)).toBeCloseTo(2 / 3, 15);
    expect(roundHalfEven(2.5)).toBe(2);
    expect(roundHalfEven(3.5)).toBe(4);
    expect(roundHalfEven(0.49999999999999994)).toBe(0);
  });

  it('drops NaN and rejects empty input like scipy', () => {
    expect(ks2samp([1, Number.NaN, 2, 3], [4, 5, 6])).toEqual(ks2samp([1, 2, 3], [4, 5, 6]));
    expect(() => ks2samp([], [1])).toThrow('Data passed to ks_2samp must not be empty');
    expect(() => ks2samp([1], [Number.NaN])).toThrow(/must not be empty/);
  });
});

describe('properties', () => {
  const value = fc.oneof(
    fc.integer({ min: -4, max: 4 }),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.constantFrom(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, -0),
  );
  const sample = fc.array(value, { minLength: 1, maxLength: 80 });

  it('the merge walk gives exactly the searchsorted statistic of scipy, ties included', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const sa = sorted(a.filter((v) => !Number.isNaN(v)));
        const sb = sorted(b.filter((v) => !Number.isNaN(v)));
        expect(ksStatisticSorted(sa, sb)).toBe(scipyStatistic(sa, sb));
      }),
      { numRuns: 500 },
    );
  });

  it('p is always in [0, 1] and the test is symmetric', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const ab = ks2samp(a, b);
        const ba = ks2samp(b, a);
        expect(ab.pValue).toBeGreaterThanOrEqual(0);
        expect(ab.pValue).toBeLessThanOrEqual(1);
        expect(ab.statistic).toBeGreaterThanOrEqual(0);
        expect(ab.statistic).toBeLessThanOrEqual(1);
        expect(ba).toEqual(ab);
      }),
      { numRuns: 300 },
    );
  });

  it('identical samples give D = 0 and p = 1', () => {
    fc.assert(
      fc.property(sample, (a) => {
        const res = ks2samp(a, [...a].reverse());
        expect(res.statistic).toBe(0);
        expect(res.pValue).toBe(1);
      }),
      { numRuns: 200 },
    );
  });

  it('large samples (asymptotic and large-lcm exact paths) stay in [0, 1] and symmetric', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 15000 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n1, n2, seed, shift) => {
          let s = seed >>> 0;
          const next = (): number => {
            s = (Math.imul(s, 1664525) + 1013904223) >>> 0; // LCG: cheap, deterministic data
            return s / 2 ** 32;
          };
          const a = sorted(Array.from({ length: n1 }, () => Math.round(next() * 1000) / 1000));
          const b = sorted(Array.from({ length: n2 }, () => Math.round((next() + shift) * 1000) / 1000));
          const ab = ks2sampSorted(a, b);
          const ba = ks2sampSorted(b, a);
          expect(ab.pValue).toBeGreaterThanOrEqual(0);
          expect(ab.pValue).toBeLessThanOrEqual(1);
          expect(ba).toEqual(ab);
          if (Math.max(n1, n2) > 10000) expect(ab.method).toBe('asymp');
        },
      ),
      { numRuns: 60 },
    );
  });
});
