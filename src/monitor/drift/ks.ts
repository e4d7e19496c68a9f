/**
 * Two-sample Kolmogorov-Smirnov test, equal to `scipy.stats.ks_2samp(a, b)` (scipy 1.10.1, method='auto',
 * alternative='two-sided'). The core takes already sorted, NaN-free Float64Arrays so that a column is
 * sorted once and shared with the other drift methods (Wasserstein, PSI).
 */

import { attemptExact2Samp, gcd, roundHalfEven } from './ks-exact.js';
import { kstwoSf } from './kolmogorov.js';

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
 * pooled value with searchsorted(side='right'); advancing past all copies of a value before comparing
 * visits the same (i, j) pairs, and i/n1 - j/n2 is computed in the same floating-point order.
 */
export function ksStatisticSorted(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  // The largest pooled value always gives 1 - 1 = 0, so both extremes start there. Once one sample
  // is exhausted the remaining differences shrink monotonically to 0, so the walk can stop early.
  let maxDiff = 0;
  let minDiff = 0;
  let i = 0;
  let j = 0;
  while (i < n1 && j < n2) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) {
      i++;
      while (i < n1 && a[i] === x) i++;
    } else if (y < x) {
      j++;
      while (j < n2 && b[j] === y) j++;
    } else {
      i++;
      while (i < n1 && a[i] === x) i++;
      j++;
      while (j < n2 && b[j] === x) j++;
    }
    const diff = i / n1 - j / n2;
    if (diff > maxDiff) maxDiff = diff;
    else if (diff < minDiff) minDiff = diff;
  }
  const minS = -minDiff;
  return minS > maxDiff ? minS : maxDiff;
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
