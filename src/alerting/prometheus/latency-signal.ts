/** The p95 latency signal: PromQL over the recorded quantile, and histogram test inputs that land on a value. */
import { RATE_WINDOW, recordNames } from './recording-rules.js';
import { counterValues, seriesName } from './series-notation.js';
import { ENGINE, type Signal, UNBOUNDED } from './signals.js';

/** p95 prediction latency from the histogram; the tests place observations so p95 lands on a value. */
export function latencyP95(prefix: string, buckets: readonly number[], window: string = RATE_WINDOW): Signal {
  const metric = `${prefix}_prediction_duration_seconds_bucket`;
  const les = [...buckets, Number.POSITIVE_INFINITY];
  const perSecond = 10;
  return {
    id: 'latency-p95',
    expr: recordNames(prefix, window).latency(0.95),
    format: 'duration',
    range: UNBOUNDED,
    exact: false,
    testLabels: { job: ENGINE.job },
    series: (p) =>
      les.map((le) => ({
        series: seriesName(metric, {
          ...ENGINE,
          model: 'default',
          le: le === Infinity ? '+Inf' : String(le),
        }),
        values: counterValues(p, (v) => perSecond * cumulativeShare(buckets, v, le)),
      })),
    valueOf: (v) => quantilePlan(buckets, v).p95,
  };
}

/**
 * Where to put observations so that histogram_quantile(0.95) interpolates to `v` (Prometheus'
 * bucketQuantile: start + (end - start) * rank / count within the bucket holding rank 0.95):
 * with v at a share x of its bucket (lo, hi], a share `below` sits in the bucket ending at lo and `inside`
 * in (lo, hi]; the rest lands in the next bucket.
 */
function quantilePlan(buckets: readonly number[], v: number) {
  const i = buckets.findIndex((b) => v <= b);
  if (i < 0) throw new RangeError(`latency ${v} s is beyond the last histogram bucket`);
  const hi = buckets[i]!;
  const lo = i === 0 ? 0 : buckets[i - 1]!;
  const x = (v - lo) / (hi - lo);
  // x < 0.95: solve (0.95 - below) / (1 - below) = x; otherwise put nothing below and spill the rest above.
  const [below, inside] = x < 0.95 ? [(0.95 - x) / (1 - x), (1 - 0.95) / (1 - x)] : [0, 0.95 / x];
  if (below > 0 && i === 0) throw new RangeError(`latency ${v} s is too close to 0 for the histogram`);
  return { lo, hi, below, inside, p95: lo + ((hi - lo) * (0.95 - below)) / inside };
}

/** Share of observations at or below `le` under the plan for `v`. */
function cumulativeShare(buckets: readonly number[], v: number, le: number): number {
  const { lo, hi, below, inside } = quantilePlan(buckets, v);
  if (le < lo) return 0;
  if (le < hi) return below;
  const next = buckets.find((b) => b > hi) ?? Number.POSITIVE_INFINITY;
  return le < next ? below + inside : 1;
}
