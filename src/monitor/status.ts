/** Turns a measured value and a warning/critical pair of levels into a state. */

/** The state of one measured value. */
export type ThresholdState = 'ok' | 'warning' | 'critical';

/** Two levels and the side on which a value is bad. */
export interface ThresholdLevels {
  warning: number;
  critical: number;
  /** 'above': bad when value > level (latency, error rate). 'below': bad when value < level (throughput, accuracy). */
  direction: 'above' | 'below';
}

/**
 * Classifies `value` against `levels`. Comparisons are strict, as the market-maker guide's tables write them
 * ("> 100ms", "< 10/s"): a value exactly on a level is still the better state. Critical wins over warning.
 * NaN is 'ok', as in PromQL, where a NaN sample satisfies no comparison; callers with no data should not ask.
 * Throws RangeError when the levels are out of order for their direction (a critical level that a value
 * would reach before the warning level), since that is a configuration mistake.
 *
 * The market-maker guide's tables in these terms (base units, see MARKET_MAKER_LEVELS):
 * - latency: warning above 100 ms, critical above 250 ms (0.1 s / 0.25 s)
 * - throughput: warning below 10/s, critical below 5/s
 * - error rate: warning above 5 %, critical above 10 %; queue utilisation above 70 % / 90 %
 * - memory above 75 % / 90 %; CPU and GPU above 80 % / 95 %; disk above 80 % / 90 %
 * - accuracy: warning below 85 %, critical below 75 %; spread compliance below 90 % / 80 %
 * - model drift score: warning above 0.1, critical above 0.2
 */
export function thresholdStatus(value: number, levels: ThresholdLevels): ThresholdState {
  const { warning, critical, direction } = levels;
  const above = direction === 'above';
  if (above ? critical < warning : critical > warning) {
    throw new RangeError(
      `critical level ${critical} must be ${above ? 'at or above' : 'at or below'} warning level ${warning}`,
    );
  }
  const worse = (level: number) => (above ? value > level : value < level);
  if (worse(critical)) return 'critical';
  if (worse(warning)) return 'warning';
  return 'ok';
}

/** The market-maker guide's "Key Metrics" tables as levels, converted to base units (seconds, 0-1 ratios). */
export const MARKET_MAKER_LEVELS = {
  latencySeconds: { warning: 0.1, critical: 0.25, direction: 'above' },
  throughputPerSecond: { warning: 10, critical: 5, direction: 'below' },
  errorRate: { warning: 0.05, critical: 0.1, direction: 'above' },
  queueUtilization: { warning: 0.7, critical: 0.9, direction: 'above' },
  memoryUtilization: { warning: 0.75, critical: 0.9, direction: 'above' },
  cpuUtilization: { warning: 0.8, critical: 0.95, direction: 'above' },
  gpuUtilization: { warning: 0.8, critical: 0.95, direction: 'above' },
  diskUtilization: { warning: 0.8, critical: 0.9, direction: 'above' },
  accuracy: { warning: 0.85, critical: 0.75, direction: 'below' },
  spreadCompliance: { warning: 0.9, critical: 0.8, direction: 'below' },
  modelDrift: { warning: 0.1, critical: 0.2, direction: 'above' },
} as const satisfies Record<string, ThresholdLevels>;
