/**
 * Evidently's `get_binned_data` (evidently/calculations/stattests/utils.py): the two samples as aligned
 * percentages, over numpy's Sturges histogram edges for a numeric column with more than 20 distinct
 * reference values, else over the distinct values (categories) of both samples.
 */

import type { SortedPair } from './sorted-pair.js';
import type { AlignedCounts } from './types.js';

/** Evidently bins a numeric column only when `reference.nunique() > 20`; below that it counts values. */
export const BINNING_DISTINCT_LIMIT = 20;

/** Evidently's floor for an empty bucket before taking logs: `np.place(p, p == 0, 0.0001)`. */
export const EMPTY_BUCKET_SHARE = 0.0001;

/** Aligned shares of the reference and current samples (each sums to 1). */
export interface Percents {
  ref: Float64Array;
  cur: Float64Array;
}

/**
 * np.histogram_bin_edges(x, bins='sturges') for data of size n spanning [min, max]
 * (numpy/lib/histograms.py: `_hist_bin_sturges`, `_get_outer_edges`, `_get_bin_edges`, then np.linspace).
 */
export function sturgesEdges(min: number, max: number, n: number): Float64Array {
  let first = min;
  let last = max;
  // _get_outer_edges: "expand empty range to avoid divide by zero".
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  // _hist_bin_sturges: width = ptp(x) / (log2(x.size) + 1); a zero width (constant data) means 1 bin.
  const width = (max - min) / (Math.log2(n) + 1);
  const bins = width ? Math.ceil((last - first) / width) : 1;
  // np.linspace(first, last, bins + 1): y = arange * step + start, the last edge set to stop exactly.
  const edges = new Float64Array(bins + 1);
  const delta = last - first;
  const step = delta / bins;
  for (let k = 0; k <= bins; k++) edges[k] = (step === 0 ? (k / bins) * delta : k * step) + first;
  edges[bins] = last;
  return edges;
}

/** First index i with a[i] > v (side 'right') or a[i] >= v (side 'left'), as np.searchsorted. */
function searchSorted(a: Float64Array, v: number, side: 'left' | 'right'): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (side === 'left' ? a[mid]! < v : a[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * np.histogram(sorted, edges)[0]: bins are [e_k, e_k+1) and the last one is closed, exactly as numpy's
 * `_search_sorted_inclusive`. The data is sorted, so one search per edge does it: O(bins * log n).
 */
export function histogramSorted(sorted: Float64Array, edges: Float64Array): Float64Array {
  const bins = edges.length - 1;
  const counts = new Float64Array(bins);
  let prev = searchSorted(sorted, edges[0]!, 'left');
  for (let k = 0; k < bins; k++) {
    const next = searchSorted(sorted, edges[k + 1]!, k === bins - 1 ? 'right' : 'left');
    counts[k] = next - prev;
    prev = next;
  }
  return counts;
}

/** Shares from aligned counts, with Evidently's empty-bucket floor when `floorZeros` (PSI yes, JS no). */
export function countsToPercents(counts: AlignedCounts, floorZeros: boolean): Percents {
  const ref = counts.ref.map((c) => c / counts.nRef);
  const cur = counts.cur.map((c) => c / counts.nCur);
  if (floorZeros) {
    for (let i = 0; i < ref.length; i++) {
      if (ref[i] === 0) ref[i] = EMPTY_BUCKET_SHARE;
      if (cur[i] === 0) cur[i] = EMPTY_BUCKET_SHARE;
    }
  }
  return { ref, cur };
}

/** Aligned counts of a numeric pair: Sturges bins over the concatenation, or the distinct values. */
export function binnedCounts(pair: SortedPair): AlignedCounts {
  if (pair.refDistinct <= BINNING_DISTINCT_LIMIT) return pair.valueCounts;
  const { ref, cur } = pair;
  const min = Math.min(ref[0]!, cur.length > 0 ? cur[0]! : Number.POSITIVE_INFINITY);
  const max = Math.max(
    ref[ref.length - 1]!,
    cur.length > 0 ? cur[cur.length - 1]! : Number.NEGATIVE_INFINITY,
  );
  const edges = sturgesEdges(min, max, ref.length + cur.length);
  return {
    ref: histogramSorted(ref, edges),
    cur: histogramSorted(cur, edges),
    nRef: ref.length,
    nCur: cur.length,
  };
}
