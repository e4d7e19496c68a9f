/** Quantiles as pandas `Series.quantile` computes them: NaN skipped, numpy's 'linear' method. */
import { selectKth } from './select.js';

/**
 * Quantiles of the non-NaN values for each q in `qs` (each in [0, 1]). pandas 1.5 drops NaN and calls
 * `np.percentile(values, q * 100, method='linear')`; numpy 1.24 (`_quantile`, `_lerp`) then takes the
 * virtual index (n - 1) * q, its floor i and fraction t, and interpolates between the order statistics
 * x[i] and x[i+1] as `a + (b - a) * t`, or `b - (b - a) * (1 - t)` when t >= 0.5 (numpy's symmetric
 * form, kept so results agree to the last bit). An index at or past n - 1 gives the maximum.
 * All NaN (or empty) gives NaN, as pandas does. Selection, not sorting: expected O(n) per quantile.
 */
export function quantiles(values: ArrayLike<number>, qs: readonly number[]): number[] {
  const data = presentCopy(values);
  const n = data.length;
  if (n === 0) return qs.map(() => Number.NaN);
  const order = qs.map((_, i) => i).sort((a, b) => qs[a]! - qs[b]!);
  const out = new Array<number>(qs.length).fill(Number.NaN);
  // After selecting index k, data[k..] holds the larger values, so later (larger) selections start at k.
  let left = 0;
  for (const idx of order) {
    const vi = (n - 1) * qs[idx]!;
    if (vi >= n - 1) {
      selectKth(data, n - 1, left);
      out[idx] = data[n - 1]!;
      left = n - 1;
      continue;
    }
    const lo = Math.floor(vi);
    selectKth(data, lo, left);
    left = lo;
    const a = data[lo]!;
    let b = data[lo + 1]!;
    for (let i = lo + 2; i < n; i++) if (data[i]! < b) b = data[i]!;
    const t = vi - lo;
    const diff = b - a;
    out[idx] = t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }
  return out;
}

/** The non-NaN values, copied into a fresh array that selection may reorder. */
function presentCopy(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) out[n++] = v;
  }
  return n === out.length ? out : out.subarray(0, n);
}
