/**
 * Drift of the model's confidence: the population stability index over the reference's deciles. The bin
 * edges are the reference's 10th..90th percentiles (numpy's default linear quantile), fixed by the reference
 * alone, so every reference bin holds about 10 % and the index only moves when the current confidence does
 * (Siddiqi, "Credit Risk Scorecards", 2006; Yurdakul, "Statistical properties of the population stability
 * index", 2018). Bin k holds edges[k-1] <= v < edges[k] (np.searchsorted(edges, v, side='right')).
 */
import { countsToPercents } from '../drift/binning.js';
import { psiFromPercents } from '../drift/methods/psi.js';
import { linearQuantileSorted } from '../linear-quantile.js';

/** Ten bins: the reference's deciles. */
export const CONFIDENCE_BINS = 10;

/** The inner edges of the reference's decile bins, ascending and distinct (ties merge bins); empty for no data. */
export function decileEdges(sortedReference: Float64Array): Float64Array {
  if (sortedReference.length === 0) return new Float64Array(0);
  const edges: number[] = [];
  for (let k = 1; k < CONFIDENCE_BINS; k++) {
    const q = linearQuantileSorted(sortedReference, k / CONFIDENCE_BINS);
    // np.unique: a confidence that piles up on one value (a model that answers 0.5 a lot) merges bins.
    if (edges.length === 0 || q > edges[edges.length - 1]!) edges.push(q);
  }
  return Float64Array.from(edges);
}

/** Counts of the finite values of `values` in each of the edges.length + 1 bins; NaN is skipped. */
export function binCounts(
  values: ArrayLike<number>,
  edges: Float64Array,
): { counts: Float64Array; n: number } {
  const counts = new Float64Array(edges.length + 1);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    counts[lo] = counts[lo]! + 1;
    n++;
  }
  return { counts, n };
}

/** The PSI of `current` confidence against the reference's bin counts; null when either side is empty. */
export function confidencePsi(
  edges: Float64Array,
  reference: { counts: Float64Array; n: number },
  current: ArrayLike<number>,
): number | null {
  const cur = binCounts(current, edges);
  if (reference.n === 0 || cur.n === 0) return null;
  return psiFromPercents(
    countsToPercents({ ref: reference.counts, cur: cur.counts, nRef: reference.n, nCur: cur.n }, true),
  );
}
