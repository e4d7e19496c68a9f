/**
 * Two-sample Kolmogorov-Smirnov test, equal to `scipy.stats.ks_2samp(a, b)` (scipy 1.10.1, method='auto',
 * alternative='two-sided'). The core takes already sorted, NaN-free Float64Arrays so that a column is
 * sorted once and shared with the other drift methods (Wasserstein, PSI).
 */

import { kstwoSf } from './kolmogorov.js';
import { attemptExact2Samp, gcd, roundHalfEven } from './ks-exact.js';

/** 'auto' tries the exact distribution when both samples have at most this many values (MAX_AUTO_N). */
const MAX_AUTO_N = 10000;

/** Result of the two-sample KS test; `method` is the p-value path scipy's 'auto' mode ends up using. */
export interface Ks2SampResult {
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymp';
}

/**
 * D = max |F_a - F_b| by one merge walk over two sorted arrays. scipy evaluates both ECDFs at every
 * pooled value with searchsorted(side='right'), i.e. at (i, j) = (#a <= v, #b <= v), and takes the
 * extremes of i/n1 - j/n2. Inside a run of values from one sample that difference is monotone, so only
 * run ends (and values present in both samples) can be extremes; they are compared as exact integers
 * i*n2 - j*n1 and the float i/n1 - j/n2 (scipy's rounding) is formed only for a new or tied extreme.
 */
export function ksStatisticSorted(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new Error('Data passed to ks_2samp must not be empty');
  // Distinct differences are >= 1/(n1*n2) apart, far more than float rounding, as long as n1*n2 keeps
  // i*n2 - j*n1 exact; past that, every run end is compared as a float (same result, slower).
  const exact = n1 * n2 <= 2 ** 48;
  // The largest pooled value always gives 1 - 1 = 0, so both extremes start there.
  let maxK = 0;
  let minK = 0;
  let maxF = 0;
  let minF = 0;
  let i = 0;
  let j = 0;
  // Once one sample is exhausted the remaining differences shrink monotonically to 0: stop there.
  while (i < n1 && j < n2) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) {
      // A run of a-values below y: the difference rises, so only the run's end can be the maximum.
      do i++;
      while (i < n1 && a[i]! < y);
      const k = exact ? i * n2 - j * n1 : maxK;
      if (k >= maxK) {
        const f = i / n1 - j / n2;
        if (k > maxK || f > maxF) maxF = f;
        maxK = k;
      }
    } else if (y < x) {
      // A run of b-values below x: the difference falls, so only the run's end can be the minimum.
      do j++;
      while (j < n2 && b[j]! < x);
      const k = exact ? i * n2 - j * n1 : minK;
      if (k <= minK) {
        const f = i / n1 - j / n2;
        if (k < minK || f < minF) minF = f;
        minK = k;
      }
    } else {
      // A value present in both samples: step past every copy in each before comparing.
      do i++;
      while (i < n1 && a[i] === x);
      do j++;
      while (j < n2 && b[j] === x);
      const f = i / n1 - j / n2;
      const k = exact ? i * n2 - j * n1 : 0;
      if (exact ? k > maxK || (k === maxK && f > maxF) : f > maxF) {
        maxF = f;
        maxK = k;
      }
      if (exact ? k < minK || (k === minK && f < minF) : f < minF) {
        minF = f;
        minK = k;
      }
    }
  }
  const minS = -minF;
  return Math.max(minS, maxF);
}

/**
 * `scipy.stats.ks_2samp(a, b)` on sorted, NaN-free samples: exact p-value when max(n1, n2) <= 10000
 * (falling back to asymptotic when the exact computation is not a probability), else `kstwo.sf`.
 */
export function ks2sampSorted(a: Float64Array, b: Float64Array): Ks2SampResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new Error('Data passed to ks_2samp must not be empty');
  let d = ksStatisticSorted(a, b);
  let method: 'exact' | 'asymp' = Math.max(n1, n2) <= MAX_AUTO_N ? 'exact' : 'asymp';
  let prob = Number.NaN;
  if (method === 'exact') {
    const attempt = attemptExact2Samp(n1, n2, gcd(n1, n2), d);
    // Like scipy, the statistic reported (and used by a fallback) is the one rounded onto the lcm grid.
    d = attempt.d;
    if (attempt.success) prob = attempt.prob;
    else method = 'asymp';
  }
  if (method === 'asymp') {
    // Smirnov's asymptotic: kstwo with the effective sample size m*n/(m+n), rounded half to even.
    const m = Math.max(n1, n2);
    const n = Math.min(n1, n2);
    const en = (m * n) / (m + n);
    prob = kstwoSf(d, roundHalfEven(en));
  }
  // np.clip(prob, 0, 1) (NaN stays NaN).
  if (prob < 0) prob = 0;
  else if (prob > 1) prob = 1;
  return { statistic: d, pValue: prob, method };
}

/** Convenience `ks_2samp`: drops NaN, copies and sorts both samples, then runs `ks2sampSorted`. */
export function ks2samp(a: ArrayLike<number>, b: ArrayLike<number>): Ks2SampResult {
  return ks2sampSorted(sortedWithoutNaN(a), sortedWithoutNaN(b));
}

/** A sorted Float64Array copy of `values` without NaN (typed-array sort is numeric). */
function sortedWithoutNaN(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) out[k++] = v;
  }
  return out.subarray(0, k).sort();
}
