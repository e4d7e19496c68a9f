/**
 * Evidently's "psi" (`psi.py`): percents from `get_binned_data(..., feel_zeroes=True)`, then
 * psi = sum((ref - cur) * ln(ref / cur)), default threshold 0.1.
 */

import { binnedCounts, countsToPercents, type Percents } from '../binning.js';
import type { DriftMethod } from './method.js';

/**
 * The population stability index of aligned shares with no zeros. Written in Evidently's order,
 * (ref - cur) * ln(ref / cur), summed left to right as its Python loop does; it equals
 * (cur - ref) * ln(cur / ref) term by term, so the index is symmetric and >= 0.
 */
export function psiFromPercents({ ref, cur }: Percents): number {
  let psi = 0;
  for (let i = 0; i < ref.length; i++) {
    const r = ref[i]!;
    const c = cur[i]!;
    psi += (r - c) * Math.log(r / c);
  }
  return psi;
}

/**
 * PSI on numeric columns (Sturges bins, or distinct values when the reference has <= 20) and on
 * categorical ones (category shares): Evidently registers it for both ("cat", "num").
 * Empty buckets are floored at 1e-4 as in Evidently 0.2-0.4 (`np.place(p, p == 0, 0.0001)`); newer
 * Evidently floors at min(non-zero share) / 1e6 when that minimum is <= 1e-4, which we do not copy.
 */
export const psi: DriftMethod = {
  name: 'psi',
  kind: 'distance',
  defaultThreshold: 0.1,
  numeric: (pair) => ({
    statistic: psiFromPercents(countsToPercents(binnedCounts(pair), true)),
    pValue: null,
  }),
  categorical: (counts) => ({ statistic: psiFromPercents(countsToPercents(counts, true)), pValue: null }),
};
