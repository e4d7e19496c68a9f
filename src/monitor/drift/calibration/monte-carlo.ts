/**
 * The Monte Carlo test (Barnard 1963; Davison & Hinkley 1997, "Bootstrap Methods", 4.2.5): with B
 * replicates of the statistic under the null, p = (1 + #{replicate >= observed}) / (B + 1), and p <= level
 * exactly when the observed value exceeds the j-th largest replicate, j = floor(level * (B + 1)).
 * The test has size <= level for any B; B only buys power (a sharper critical value).
 */

/**
 * Replicates at the usual levels: j = floor(1000 * 0.05 / 14) = 3 for 14 columns at alpha 0.05, 50 for one
 * column. More would sharpen the critical value a little and cost as much more time per (column, size).
 */
export const DEFAULT_REPLICATES = 999;

/** Enough replicates that at least two lie above the critical value at `level` (j >= 2). */
export function replicatesFor(level: number): number {
  return Math.max(DEFAULT_REPLICATES, Math.ceil(2 / level) - 1);
}

/**
 * The critical value: the j-th largest of the ascending `replicates` (j = floor(level * (B + 1))). The
 * statistic is significant at `level` when it is strictly greater. +inf when j < 1: no value can be.
 */
export function criticalValue(replicates: Float64Array, level: number): number {
  const b = replicates.length;
  const j = Math.floor(level * (b + 1) + 1e-9);
  if (j < 1) return Number.POSITIVE_INFINITY;
  return replicates[b - j]!;
}

/**
 * The smallest 4-significant-digit decimal strictly above x (x itself when not a positive finite
 * number): a readable `threshold` for which `score >= threshold` implies score > x, as the test needs.
 */
export function roundUpAbove(x: number): number {
  if (!(x > 0 && Number.isFinite(x))) return x;
  const f = 10 ** (Math.floor(Math.log10(x)) - 3);
  let k = Math.floor(x / f) + 1;
  let y = Number((k * f).toPrecision(4));
  while (y <= x) {
    k++;
    y = Number((k * f).toPrecision(4));
  }
  return y;
}
