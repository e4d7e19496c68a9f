/** Category counts of two samples, aligned over the union of their non-null categories. */

import type { AlignedCounts } from './types.js';

/** One sample's category counts, in first-seen order (what a prepared reference keeps). */
export interface CategoryCounts {
  /** Category -> its position in `counts`. */
  readonly index: ReadonlyMap<string, number>;
  readonly counts: readonly number[];
  /** Non-null values counted. */
  readonly n: number;
}

/** Counts each non-null category of `values`, in the order the categories first appear. */
export function countCategories(values: ReadonlyArray<string | null>): CategoryCounts {
  const index = new Map<string, number>();
  const counts: number[] = [];
  let n = 0;
  for (const v of values) {
    if (v === null) continue;
    let k = index.get(v);
    if (k === undefined) {
      k = counts.length;
      index.set(v, k);
      counts.push(0);
    }
    counts[k]! += 1;
    n++;
  }
  return { index, counts, n };
}

/**
 * The reference's counts aligned with the current sample's: reference categories first, in their order,
 * then those only in the current sample, in first-seen order. The reference's counts are not modified.
 */
export function alignCategories(
  ref: CategoryCounts,
  cur: ReadonlyArray<string | null>,
): { counts: AlignedCounts; refDistinct: number } {
  const index = new Map(ref.index);
  const r = [...ref.counts];
  const c: number[] = new Array<number>(r.length).fill(0);
  let nCur = 0;
  for (const v of cur) {
    if (v === null) continue;
    let k = index.get(v);
    if (k === undefined) {
      k = r.length;
      index.set(v, k);
      r.push(0);
      c.push(0);
    }
    c[k]! += 1;
    nCur++;
  }
  return {
    counts: { ref: Float64Array.from(r), cur: Float64Array.from(c), nRef: ref.n, nCur },
    refDistinct: ref.counts.length,
  };
}

/** Aligned counts (reference categories first, then those only in current) and the reference's distinct count. */
export function categoricalCounts(
  ref: ReadonlyArray<string | null>,
  cur: ReadonlyArray<string | null>,
): { counts: AlignedCounts; refDistinct: number } {
  return alignCategories(countCategories(ref), cur);
}
