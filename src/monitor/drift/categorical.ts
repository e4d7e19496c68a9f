/** Category counts of two samples, aligned over the union of their non-null categories. */

import type { AlignedCounts } from './types.js';

/** Aligned counts (reference categories first, then those only in current) and the reference's distinct count. */
export function categoricalCounts(
  ref: ReadonlyArray<string | null>,
  cur: ReadonlyArray<string | null>,
): { counts: AlignedCounts; refDistinct: number } {
  const index = new Map<string, number>();
  const r: number[] = [];
  const c: number[] = [];
  const slot = (v: string): number => {
    let k = index.get(v);
    if (k === undefined) {
      k = r.length;
      index.set(v, k);
      r.push(0);
      c.push(0);
    }
    return k;
  };
  let nRef = 0;
  for (const v of ref) {
    if (v === null) continue;
    r[slot(v)]! += 1;
    nRef++;
  }
  const refDistinct = r.length;
  let nCur = 0;
  for (const v of cur) {
    if (v === null) continue;
    c[slot(v)]! += 1;
    nCur++;
  }
  return { counts: { ref: Float64Array.from(r), cur: Float64Array.from(c), nRef, nCur }, refDistinct };
}
