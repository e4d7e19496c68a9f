/** Performance degradation against reference metrics (the market-master guide's PerformanceMonitor.check_performance). */
import { judge } from '../levels.js';

/** The guide's three performance states. */
export type DegradationStatus = 'healthy' | 'warning' | 'degraded';

/** Average-degradation levels (config `performance.degradation`); a status applies strictly above its level. */
export interface DegradationThresholds {
  /** Default 0.05: the guide's "5% degradation". */
  warning?: number;
  /** Default 0.10: the guide's "10% degradation", above which the status is 'degraded'. */
  critical?: number;
}

/** Why a reference metric took no part in the average. */
export type SkipReason = 'missing' | 'not-finite' | 'zero-reference';

/** The outcome of comparing current metrics with the reference. */
export interface DegradationReport {
  status: DegradationStatus;
  /** Per metric, (ref - cur) / |ref|: positive is worse, negative is better. */
  degradation: Record<string, number>;
  /** Mean of `degradation`; null when no metric could be compared. */
  averageDegradation: number | null;
  /** Metrics compared (the keys of `degradation`). */
  compared: number;
  skipped: Array<{ metric: string; reason: SkipReason }>;
}

/** The guide's defaults: warning above 5 %, degraded above 10 %. */
export const DEFAULT_DEGRADATION_THRESHOLDS: Required<DegradationThresholds> = {
  warning: 0.05,
  critical: 0.1,
};

/**
 * Compares current metrics with reference metrics as the guide's check_performance does, for metrics where
 * higher is better (accuracy, precision, recall, F1): degradation = (ref - cur) / ref per metric present in
 * both, averaged; status 'degraded' when the average > thresholds.critical, 'warning' when > thresholds.warning,
 * else 'healthy'. Metrics only in `current` are ignored, as in the guide.
 *
 * Departures from the guide, each recorded in `skipped`:
 * - ref = 0 is skipped: the guide divides by zero there (inf or NaN), and one NaN makes its np.mean NaN,
 *   which compares false with both levels and so reports 'healthy' whatever the other metrics say.
 * - a non-finite ref or current value is skipped for the same reason.
 * - we divide by |ref|, so a negative reference still reads a fall as degradation (equal to the guide for ref > 0).
 * With nothing compared the status is 'healthy' and averageDegradation null; check `compared` before trusting it.
 */
export function degradation(
  reference: Readonly<Record<string, number>>,
  current: Readonly<Record<string, number | null | undefined>>,
  thresholds: DegradationThresholds = {},
): DegradationReport {
  const warning = thresholds.warning ?? DEFAULT_DEGRADATION_THRESHOLDS.warning;
  const critical = thresholds.critical ?? DEFAULT_DEGRADATION_THRESHOLDS.critical;
  const result: Record<string, number> = {};
  const skipped: DegradationReport['skipped'] = [];
  let sum = 0;
  let compared = 0;
  for (const [metric, ref] of Object.entries(reference)) {
    const cur = Object.hasOwn(current, metric) ? current[metric] : undefined;
    if (cur === undefined || cur === null) skipped.push({ metric, reason: 'missing' });
    else if (!Number.isFinite(ref) || !Number.isFinite(cur)) skipped.push({ metric, reason: 'not-finite' });
    else if (ref === 0) skipped.push({ metric, reason: 'zero-reference' });
    else {
      const d = (ref - cur) / Math.abs(ref);
      result[metric] = d;
      sum += d;
      compared += 1;
    }
  }
  const averageDegradation = compared > 0 ? sum / compared : null;
  // the one level judge, strict as the guide's "> 5 %"; no average (unknown) reads healthy, as documented
  const state = judge(averageDegradation, { warning, critical, direction: 'above' });
  const status: DegradationStatus =
    state === 'critical' ? 'degraded' : state === 'warning' ? 'warning' : 'healthy';
  return { status, degradation: result, averageDegradation, compared, skipped };
}
