/**
 * Evidently's "wasserstein" (`wasserstein_distance_norm.py`):
 * scipy.stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001), default threshold 0.1.
 */

import type { DriftMethod } from './method.js';

/** Evidently's floor on the reference standard deviation used as the norm. */
export const MIN_NORM = 0.001;

/**
 * scipy.stats.wasserstein_distance for two sorted samples (scipy `_cdf_distance` with p = 1):
 * the integral of |F_u - F_v| over the merged support, summed between consecutive distinct values.
 * One merge walk, O(n_u + n_v), no re-sort. Both samples must be non-empty.
 */
export function wassersteinSorted(u: Float64Array, v: Float64Array): number {
  const nu = u.length;
  const nv = v.length;
  let i = 0;
  let j = 0;
  let x = Math.min(u[0]!, v[0]!);
  let sum = 0;
  for (;;) {
    // Step past every value equal to x: the CDFs at x count the values <= x (searchsorted 'right').
    while (i < nu && u[i]! <= x) i++;
    while (j < nv && v[j]! <= x) j++;
    if (i === nu && j === nv) return sum;
    const next = i === nu ? v[j]! : j === nv ? u[i]! : Math.min(u[i]!, v[j]!);
    sum += Math.abs(i / nu - j / nv) * (next - x);
    x = next;
  }
}

/** Normalized Wasserstein distance: numeric columns only. */
export const wasserstein: DriftMethod = {
  name: 'wasserstein',
  kind: 'distance',
  defaultThreshold: 0.1,
  numeric: (pair) => ({
    statistic: wassersteinSorted(pair.ref, pair.cur) / Math.max(pair.refStd, MIN_NORM),
    pValue: null,
  }),
};
