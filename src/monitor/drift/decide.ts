/** The decision of one method on one column: its threshold (calibrated or Evidently's) and the verdict. */

import type { NullSource } from './calibration/null-distribution.js';
import { calibratedThreshold } from './calibration/threshold.js';
import type { DriftMethod } from './methods/method.js';
import type { ColumnPlan } from './options.js';
import type { DistanceName, MethodOutcome, RawResult } from './types.js';

/** Where a distance's null draws come from on this column, with the column's real sizes. */
export interface NullContext {
  /** A content key of the reference side (fingerprint or counts). */
  reference: string;
  source: (method: DriftMethod) => NullSource;
  n: number;
  m: number;
}

/**
 * The threshold of one method on one column. Tests: the per-column level (alpha / columns when
 * calibrated). Distances: Evidently's threshold, or when calibrated max(that, the Monte Carlo critical
 * value at the column's sizes and the per-column level), see calibration/threshold.ts.
 */
export function thresholdOf(plan: ColumnPlan, method: DriftMethod, nulls: NullContext | null): number {
  if (method.kind === 'test') return plan.level;
  const floor = plan.thresholds[method.name as DistanceName];
  if (!plan.calibrate || nulls === null) return floor;
  const key = { method: method.name as DistanceName, reference: nulls.reference };
  return calibratedThreshold(key, nulls.source(method), nulls.n, nulls.m, plan.level, floor);
}

/**
 * The decision. A test drifts when p <= its threshold (alpha, or alpha / columns when calibrated); a
 * distance drifts when it is >= its threshold. Not the guide's `1 - p > threshold` (drift_score =
 * 1 - p_value, flagged when > 0.05): under no drift p is uniform, so that rule flags about 95 % of
 * undrifted columns.
 */
export function decide(method: DriftMethod, raw: RawResult, threshold: number): MethodOutcome {
  if (method.kind === 'test') {
    // An untested column (no values on a side) has no p-value: null, score NaN, not drifted.
    const p = raw.pValue;
    return {
      statistic: raw.statistic,
      pValue: p,
      score: p ?? Number.NaN,
      threshold,
      drifted: p !== null && p <= threshold,
    };
  }
  const d = raw.statistic;
  return { statistic: d, pValue: null, score: d, threshold, drifted: d >= threshold };
}
