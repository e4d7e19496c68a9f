/** The calibration's parts: Monte Carlo critical values, null draws, size grid and scaling, two-sample chi-square. */
import { describe, expect, it } from 'vitest';
import { LruCache } from '../../../src/monitor/drift/calibration/cache.js';
import {
  criticalValue,
  replicatesFor,
  roundUpAbove,
} from '../../../src/monitor/drift/calibration/monte-carlo.js';
import { drawCounts, drawSorted } from '../../../src/monitor/drift/calibration/null-draws.js';
import { seededUniform } from '../../../src/monitor/drift/calibration/rng.js';
import {
  SIMULATION_CAP,
  simulatedSize,
  sizeScale,
} from '../../../src/monitor/drift/calibration/threshold.js';
import { detectDrift } from '../../../src/monitor/drift/index.js';
import { chiSquareTest, chiSquareTwoSample } from '../../../src/monitor/drift/methods/chisquare.js';
import { planFor, resolveOptions } from '../../../src/monitor/drift/options.js';
import { frameFromColumns } from '../../../src/monitor/index.js';

const counts = (ref: number[], cur: number[]) => ({
  ref: Float64Array.from(ref),
  cur: Float64Array.from(cur),
  nRef: ref.reduce((a, b) => a + b, 0),
  nCur: cur.reduce((a, b) => a + b, 0),
});

describe('Monte Carlo critical value', () => {
  const ascending = Float64Array.from({ length: 999 }, (_, i) => i + 1); // 1..999

  it('is the j-th largest replicate, j = floor(level * (B + 1))', () => {
    expect(criticalValue(ascending, 0.05)).toBe(950); // j = 50: 999 - 50 + 1
    expect(criticalValue(ascending, 0.05 / 14)).toBe(997); // j = 3
    expect(criticalValue(ascending, 0.0005)).toBe(Number.POSITIVE_INFINITY); // j = 0: never significant
  });

  it('takes enough replicates that j >= 2 at small levels', () => {
    expect(replicatesFor(0.05)).toBe(999);
    expect(replicatesFor(0.0001)).toBe(19999);
    expect(Math.floor(0.0001 * (replicatesFor(0.0001) + 1))).toBe(2);
  });

  it('rounds a threshold up to 4 significant digits, strictly above', () => {
    expect(roundUpAbove(0.123449)).toBe(0.1235);
    expect(roundUpAbove(0.1235)).toBe(0.1236);
    expect(roundUpAbove(2.5e-5)).toBe(2.501e-5);
    expect(roundUpAbove(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('null draws', () => {
  it('drawSorted returns k sorted values of the reference, with its distribution (both algorithms)', () => {
    const ref = Float64Array.from({ length: 1000 }, (_, i) => i);
    for (const k of [100, 5000]) {
      // k = 100 takes exponential spacings (ref > 4k), k = 5000 counting.
      const rng = seededUniform(k);
      let sum = 0;
      const draws = 40;
      for (let d = 0; d < draws; d++) {
        const s = drawSorted(ref, k, rng);
        expect(s.length).toBe(k);
        for (let i = 1; i < k; i++) expect(s[i]! >= s[i - 1]!).toBe(true);
        for (const v of s) sum += v;
      }
      // Mean 499.5, sd of a value 288.7: the mean of draws * k values has sd 288.7 / sqrt(draws * k);
      // 5 sd is a bound the code fails only when the draw is biased.
      expect(Math.abs(sum / (draws * k) - 499.5)).toBeLessThan((5 * 288.7) / Math.sqrt(draws * k));
    }
  });

  it('drawCounts is multinomial on the cumulative weights', () => {
    const rng = seededUniform(3);
    const total = new Float64Array(3);
    for (let d = 0; d < 200; d++) {
      const c = drawCounts(Float64Array.from([10, 40, 100]), 500, rng);
      expect(c.reduce((a, b) => a + b, 0)).toBe(500);
      for (let i = 0; i < 3; i++) total[i]! += c[i]!;
    }
    // Shares 0.1, 0.3, 0.6 of 100,000 draws: sd <= 0.0016, 5 sd = 0.008.
    expect(Array.from(total, (x) => x / 100000)).toEqual([
      expect.closeTo(0.1, 2),
      expect.closeTo(0.3, 2),
      expect.closeTo(0.6, 2),
    ]);
  });
});

describe('simulated sizes', () => {
  it('rounds down to a quarter-octave grid, capped', () => {
    expect(simulatedSize(10)).toBe(10);
    expect(simulatedSize(100)).toBe(90); // 2^6.5
    expect(simulatedSize(128)).toBe(128);
    expect(simulatedSize(150)).toBe(128);
    expect(simulatedSize(20000)).toBe(SIMULATION_CAP);
    for (let n = 17; n < SIMULATION_CAP; n += 37) {
      expect(simulatedSize(n)).toBeLessThanOrEqual(n);
      expect(simulatedSize(n)).toBeGreaterThan(n / 2 ** 0.25 - 1);
    }
  });

  it('scales a capped side by ((1/n + 1/m) / (1/n` + 1/m`))^power, and only a capped side', () => {
    expect(sizeScale('wasserstein', 100, 500, 90, 430)).toBe(1);
    expect(sizeScale('wasserstein', 10000, 5000, 1000, 1000)).toBeCloseTo(Math.sqrt(0.0003 / 0.002), 12);
    expect(sizeScale('psi', 10000, 5000, 1000, 1000)).toBeCloseTo(0.0003 / 0.002, 12);
  });
});

describe('two-sample chi-square', () => {
  // scipy 1.17.1: stats.chi2_contingency(np.array([ref, cur]), correction=False)
  it.each([
    [[30, 50, 20], [10, 25, 15], 2.6785714285714284, 0.262032768014012],
    [[900, 100], [8700, 1300], 7.366071428571428, 0.006646598468138502],
    [[5, 0, 3, 2], [1, 4, 0, 5], 10.952380952380953, 0.011986176325417815],
  ])('ref %j cur %j: scipy chi2_contingency', (ref, cur, stat, p) => {
    const r = chiSquareTwoSample(counts(ref, cur));
    expect(r.statistic).toBeCloseTo(stat, 10);
    expect(r.pValue!).toBeCloseTo(p, 12);
  });

  it('counts the reference`s own noise, which Evidently`s one-sample form takes as exact', () => {
    // Expected 9000 / 1000 from the reference shares: (300^2 / 9000 + 300^2 / 1000) = 100, p ~ 1e-23.
    const c = counts([900, 100], [8700, 1300]);
    expect(chiSquareTest(c).statistic).toBeCloseTo(100, 10);
    expect(chiSquareTest(c).pValue!).toBeLessThan(1e-20);
    expect(chiSquareTwoSample(c).pValue!).toBeGreaterThan(0.005);
  });
});

describe('the plan: Bonferroni across the columns', () => {
  it('judges each of m columns at alpha / m when calibrated, at alpha otherwise', () => {
    expect(planFor(resolveOptions({ alpha: 0.05 }), 14).level).toBeCloseTo(0.05 / 14, 15);
    expect(planFor(resolveOptions({ alpha: 0.05 }), 1).level).toBe(0.05);
    expect(planFor(resolveOptions({ alpha: 0.05, calibrate: false }), 14).level).toBe(0.05);
  });

  it('reports the per-column level as a test`s threshold, and the calibrated distance as a distance`s', () => {
    const z = seededUniform(9);
    const col = (n: number) => Float64Array.from({ length: n }, () => z.next());
    const ref = frameFromColumns({ a: col(2000), b: col(2000), c: col(2000), d: col(2000) }).frame;
    const cur = frameFromColumns({ a: col(100), b: col(100), c: col(100), d: col(100) }).frame;
    for (const c of detectDrift(ref, cur, { method: 'ks' }).columns) expect(c.threshold).toBe(0.0125);
    const w = detectDrift(ref, cur, { method: 'wasserstein' }).columns;
    // A uniform column's normalized W1 at n = 100 against 2,000 is ~0.11 on average (sqrt(2 / pi) *
    // int sqrt(F(1 - F)) / sd * sqrt(1/n + 1/m)): Evidently's 0.1 flags about half of such windows.
    for (const c of w) {
      expect(c.threshold).toBeGreaterThan(0.15);
      expect(c.drifted).toBe(c.score >= c.threshold);
    }
    // Deterministic: the same data gives the same thresholds (seeded replicates).
    expect(detectDrift(ref, cur, { method: 'wasserstein' }).columns.map((c) => c.threshold)).toEqual(
      w.map((c) => c.threshold),
    );
  });
});

describe('LruCache', () => {
  it('keeps the most recently used entries', () => {
    const c = new LruCache<number>(2);
    let made = 0;
    const get = (k: string) => c.getOrMake(k, () => ++made);
    get('a');
    get('b');
    get('a'); // a is now the most recent
    get('c'); // evicts b
    expect(c.size).toBe(2);
    expect(get('a')).toBe(1);
    expect(get('b')).toBe(4); // made again
  });
});
