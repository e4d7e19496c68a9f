/**
 * Evidently's "jensenshannon" (`jensenshannon.py`): percents from `get_binned_data(..., feel_zeroes=False)`
 * (no floor on empty buckets), then scipy.spatial.distance.jensenshannon(ref, cur); default threshold 0.1.
 */

import { binnedCounts, countsToPercents, type Percents } from '../binning.js';
import type { DriftMethod } from './method.js';

/** scipy.special.rel_entr(x, y): x ln(x / y), 0 when x = 0, +inf when x > 0 = y. */
function relEntr(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Number.POSITIVE_INFINITY;
}

/**
 * scipy.spatial.distance.jensenshannon(p, q) with the natural log (scipy 1.10, `distance.py`):
 * normalize p and q, m = (p + q) / 2, sqrt((sum rel_entr(p, m) + sum rel_entr(q, m)) / 2).
 * The divergence is clamped at 0: rounding can leave it at -1e-17, where scipy's sqrt returns NaN.
 */
export function jensenShannon({ ref, cur }: Percents): number {
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < ref.length; i++) {
    sp += ref[i]!;
    sq += cur[i]!;
  }
  let left = 0;
  let right = 0;
  for (let i = 0; i < ref.length; i++) {
    const p = ref[i]! / sp;
    const q = cur[i]! / sq;
    const m = (p + q) / 2;
    left += relEntr(p, m);
    right += relEntr(q, m);
  }
  return Math.sqrt(Math.max(0, (left + right) / 2));
}

/**
 * Jensen-Shannon distance on numeric columns (Sturges bins, or distinct values when the reference has
 * <= 20) and on categorical ones (category shares over the union of categories).
 * The log base is e, as in Evidently 0.2-0.4 (`distance.jensenshannon(p, q)`); Evidently 0.6+ passes
 * base=2, which multiplies the distance by 1/sqrt(ln 2) ~ 1.201 against the same 0.1 threshold.
 */
export const jensenshannon: DriftMethod = {
  name: 'jensenshannon',
  kind: 'distance',
  defaultThreshold: 0.1,
  numeric: (pair) => ({
    statistic: jensenShannon(countsToPercents(binnedCounts(pair), false)),
    pValue: null,
  }),
  categorical: (counts) => ({ statistic: jensenShannon(countsToPercents(counts, false)), pValue: null }),
};
