/** Percentiles exactly as numpy computes them by default, and the latency summary built on them. */

import { linearQuantileSorted } from '../linear-quantile.js';
import { sortFloat64 } from '../numeric-sort.js';

/** Latency over a window: count, mean and the p50/p95/p99 that the market-maker guide alerts on. Seconds. */
export interface LatencySummary {
  /** Finite latencies seen. The statistics are null when this is 0. */
  count: number;
  mean: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** numpy's default percentile (method='linear') of ascending `sorted` values: linearQuantileSorted at p / 100. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of no values');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile ${p} is outside [0, 100]`);
  return linearQuantileSorted(sorted, p / 100);
}

/** Finite values of `values`, ascending. */
export function sortedFinite(values: Iterable<number | null | undefined>): Float64Array {
  // A typed column (the engine window's) is copied straight into a typed array, without boxing numbers.
  if (values instanceof Float64Array) {
    let n = 0;
    for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) n++;
    const out = new Float64Array(n);
    let j = 0;
    for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) out[j++] = values[i]!;
    return sortFloat64(out);
  }
  const out: number[] = [];
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
  // Numeric order (Array#sort would compare strings); sortFloat64 orders exactly as Float64Array#sort.
  return sortFloat64(Float64Array.from(out));
}

/** `np.percentile(values, p)` (linear) over the finite values; null/NaN are dropped rather than poisoning it. */
export function percentile(values: Iterable<number | null | undefined>, p: number): number {
  return percentileSorted(sortedFinite(values), p);
}

/**
 * Summarises prediction latencies in seconds: mean and numpy-linear p50/p95/p99 over the finite values.
 * Missing latencies (null, NaN) are skipped; all statistics are null when none remain.
 */
export function latencyPercentiles(latencies: Iterable<number | null | undefined>): LatencySummary {
  return latencySummary(sortedFinite(latencies));
}

/** latencyPercentiles of finite latencies given already sorted ascending (as sortedFinite sorts them). */
export function latencySummary(sorted: Float64Array): LatencySummary {
  if (sorted.length === 0) return { count: 0, mean: null, p50: null, p95: null, p99: null };
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i]!;
  return {
    count: sorted.length,
    mean: sum / sorted.length,
    p50: percentileSorted(sorted, 50),
    p95: percentileSorted(sorted, 95),
    p99: percentileSorted(sorted, 99),
  };
}
