/** The guide's overall 0-1 data quality score (`calculate_quality_score`). */

/**
 * score = 1 - (missing_ratio + duplicate_ratio + outlier_ratio), clamped to [0, 1], where outlier_ratio
 * is the mean of the per-column IQR outlier ratios over the numeric columns (market-master monitoring
 * guide, "Quality Score Calculation"). The guide divides by zero when there is no numeric column; we
 * take the outlier term as 0 then.
 */
export function qualityScore(
  missingRatio: number,
  duplicateRatio: number,
  outlierRatios: readonly number[],
): number {
  const outlierRatio = meanOutlierRatio(outlierRatios);
  return Math.max(0, Math.min(1, 1 - (missingRatio + duplicateRatio + outlierRatio)));
}

/** The guide's `outlier_ratio`: the mean over numeric columns, summed in column order; 0 for none. */
export function meanOutlierRatio(outlierRatios: readonly number[]): number {
  if (outlierRatios.length === 0) return 0;
  let sum = 0;
  for (const r of outlierRatios) sum += r;
  return sum / outlierRatios.length;
}
