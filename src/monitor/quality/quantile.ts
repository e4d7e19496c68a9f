/** Quantiles as pandas `Series.quantile` computes them: NaN skipped, numpy's 'linear' method. */
import { linearQuantileSorted } from '../linear-quantile.js';
import { selectKth } from './select.js';

/**
 * Quantiles of the non-NaN values for each q in `qs` (each in [0, 1]). pandas 1.5 drops NaN and calls
 * `np.percentile(values, q * 100, method='linear')`; numpy 1.24 (`_quantile`, `_lerp`) then takes the
 * virtual index (n - 1) * q, its floor i and fraction t, and interpolates between the order statistics
 * x[i] and x[i+1] as `a + (b - a) * t`, or `b - (b - a) * (1 - t)` when t >= 0.5 (numpy's symmetric
 * form, kept so results agree to the last bit). An index at or past n - 1 gives the maximum.
 * All NaN (or empty) gives NaN, as pandas does. Selection, not sorting: expected O(n) per quantile.
 * `scratch` (at least values.length long) is used, and clobbered, instead of a fresh copy.
 */
export function quantiles(
  values: ArrayLike<number>,
  qs: readonly number[],
  scratch?: Float64Array,
): number[] {
  const data = presentCopy(values, scratch);
  const n = data.length;
  if (n === 0) return qs.map(() => Number.NaN);
  // Largest q first: once index k is selected, data[0..k) holds the smaller values, so every later
  // (smaller) selection runs on data[0..k] only, and x[i+1] is the minimum of data(i..k].
  const order = qs.map((_, i) => i).sort((a, b) => qs[b]! - qs[a]!);
  const out = new Array<number>(qs.length).fill(Number.NaN);
  let right = n - 1;
  let prevLo = -1;
  let prevNext = Number.NaN;
  for (const idx of order) {
    const vi = (n - 1) * qs[idx]!;
    if (vi >= n - 1) {
      selectKth(data, n - 1, 0, right);
      out[idx] = data[n - 1]!;
      continue;
    }
    const lo = Math.floor(vi);
    let b = prevNext;
    if (lo !== prevLo) {
      selectKth(data, lo, 0, right);
      b = data[lo + 1]!;
      // Everything past `right` is >= data[right], which this scan covers.
      for (let i = lo + 2; i <= right; i++) if (data[i]! < b) b = data[i]!;
    }
    const a = data[lo]!;
    right = lo;
    prevLo = lo;
    prevNext = b;
    const t = vi - lo;
    const diff = b - a;
    out[idx] = t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }
  return out;
}

/**
 * `quantiles` of values given already sorted ascending, NaN-free (SortedColumns): the order statistics
 * x[i] and x[i+1] are read off directly and interpolated by the same numpy formula, so the results agree.
 */
export function quantilesSorted(sorted: Float64Array, qs: readonly number[]): number[] {
  return qs.map((q) => (sorted.length === 0 ? Number.NaN : linearQuantileSorted(sorted, q)));
}

/** The non-NaN values, copied into `scratch` (when long enough) or a fresh array, free to reorder. */
function presentCopy(values: ArrayLike<number>, scratch?: Float64Array): Float64Array {
  const out =
    scratch !== undefined && scratch.length >= values.length ? scratch : new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) out[n++] = v;
  }
  return out.subarray(0, n);
}
