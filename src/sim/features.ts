/** The model's input features, derived from an instrument's recent OHLCV bars. */
import { round } from './universe.js';

/** Bars of history the features look back over (ma_ratio_10_30 needs 30 closes, plus one for a return). */
export const HISTORY_BARS = 31;

/** The numeric features, in column order: the bar itself, then what is derived from it. */
export const NUMERIC_FEATURES = [
  'open',
  'high',
  'low',
  'close',
  'volume',
  'return_1',
  'return_5',
  'volatility_10',
  'rsi_14',
  'ma_ratio_10_30',
  'volume_z',
  'spread_bps',
  'hl_range',
] as const;

/** The one categorical feature: the market regime. */
export const CATEGORICAL_FEATURES = ['regime'] as const;

/** Every feature name, in the column order of the reference file. */
export const FEATURE_NAMES = [...NUMERIC_FEATURES, ...CATEGORICAL_FEATURES] as const;

/** A numeric feature name. */
export type NumericFeature = (typeof NUMERIC_FEATURES)[number];
/** A feature name. */
export type FeatureName = (typeof FEATURE_NAMES)[number];
/** A feature vector as records carry it; null is a missing value (only the quality fault makes those). */
export type Features = Record<FeatureName, number | string | null>;

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function stdev(xs: readonly number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / Math.max(1, xs.length - 1));
}

/** Log returns of consecutive closes. */
function logReturns(closes: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < closes.length; i++) out.push(Math.log(closes[i]! / closes[i - 1]!));
  return out;
}

/** Cutler's RSI: 100 - 100 / (1 + mean gain / mean loss) over the last `n` changes (simple means, not Wilder's). */
export function rsi(closes: readonly number[], n: number): number {
  let gain = 0;
  let loss = 0;
  for (let i = closes.length - n; i < closes.length; i++) {
    const d = closes[i]! - closes[i - 1]!;
    if (d > 0) gain += d;
    else loss -= d;
  }
  if (loss === 0) return gain === 0 ? 50 : 100;
  return 100 - 100 / (1 + gain / loss);
}

/**
 * Features of the latest bar. `closes` and `volumes` end with that bar and hold HISTORY_BARS entries
 * (the market warms every instrument up first). Values are rounded to keep bodies and files small.
 */
export function deriveFeatures(
  bar: { open: number; high: number; low: number; close: number; volume: number },
  closes: readonly number[],
  volumes: readonly number[],
  spreadBps: number,
  regime: string,
): Features {
  const n = closes.length;
  const last = (k: number) => closes[n - 1 - k]!;
  const returns = logReturns(closes);
  const vols = volumes.slice(-20);
  const volSd = stdev(vols);
  return {
    open: bar.open,
    high: bar.high,
    low: bar.low,
    close: bar.close,
    volume: bar.volume,
    return_1: round(last(0) / last(1) - 1, 6),
    return_5: round(last(0) / last(5) - 1, 6),
    volatility_10: round(stdev(returns.slice(-10)), 6),
    rsi_14: round(rsi(closes, 14), 3),
    ma_ratio_10_30: round(mean(closes.slice(-10)) / mean(closes.slice(-30)), 6),
    volume_z: round(volSd === 0 ? 0 : (bar.volume - mean(vols)) / volSd, 4),
    spread_bps: round(spreadBps, 3),
    hl_range: round((bar.high - bar.low) / bar.close, 6),
    regime,
  };
}
