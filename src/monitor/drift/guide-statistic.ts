/**
 * The market-master guide's "Statistical Drift Detection" (`calculate_statistical_drift`):
 * mean_drift = |cur_mean - ref_mean| / (|ref_mean| + 1e-8), std_drift likewise on pandas' std (ddof=1),
 * score = (mean_drift + std_drift) / 2. We report it on numeric columns as `meanStdChange` and never
 * decide on it: it has no null distribution, so no threshold on it means anything across columns.
 */

import { mean, std } from './sorted-pair.js';

const EPS = 1e-8;

/** The guide's (mean change + std change) / 2 on the non-missing values; NaN with fewer than 2 on a side. */
export function meanStdChange(ref: Float64Array, cur: Float64Array): number {
  if (ref.length < 2 || cur.length < 2) return Number.NaN;
  const refMean = mean(ref);
  const refStd = std(ref, 1, refMean);
  const curMean = mean(cur);
  const meanDrift = Math.abs(curMean - refMean) / (Math.abs(refMean) + EPS);
  const stdDrift = Math.abs(std(cur, 1, curMean) - refStd) / (Math.abs(refStd) + EPS);
  return (meanDrift + stdDrift) / 2;
}
