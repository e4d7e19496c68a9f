/**
 * A distance's distribution under "no drift" at given sample sizes: B replicates of the distance between
 * two independent samples of sizes m (reference side) and n (current side), both drawn from the
 * reference's empirical distribution (the two-sample bootstrap under the null, Efron & Tibshirani 1993,
 * 16.2). Each replicate goes through the same method code as the real data (bins, floors, norms).
 */

import { SortedPair, SortedSample } from '../sorted-pair.js';
import type { AlignedCounts } from '../types.js';
import { drawCounts, drawSorted } from './null-draws.js';
import { seededUniform } from './rng.js';

/** What the null draws come from: a sorted numeric reference, or a reference's category counts. */
export type NullSource =
  | {
      kind: 'numeric';
      sample: SortedSample;
      /** The method's distance on a sorted pair. */
      distance: (pair: SortedPair) => number;
    }
  | {
      kind: 'categorical';
      /** Reference counts of the categories it has (zero counts dropped). */
      counts: Float64Array;
      distance: (counts: AlignedCounts) => number;
    };

/** A 32-bit seed from a string (FNV-1a), so a cache key fixes its replicates. */
export function seedOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function cumulative(counts: Float64Array): Float64Array {
  const cum = new Float64Array(counts.length);
  let s = 0;
  for (let i = 0; i < counts.length; i++) {
    s += counts[i]!;
    cum[i] = s;
  }
  return cum;
}

/**
 * `replicates` null distances at sizes (n, m), ascending. A numeric draw keeps the real reference's
 * distinct count, so it takes the same path (Sturges bins or distinct values) as the real column.
 */
export function nullReplicates(
  source: NullSource,
  n: number,
  m: number,
  replicates: number,
  seed: number,
): Float64Array {
  const rng = seededUniform(seed);
  const out = new Float64Array(replicates);
  if (source.kind === 'numeric') {
    const ref = source.sample.values;
    const known = { distinct: source.sample.distinct };
    for (let b = 0; b < replicates; b++) {
      const r = new SortedSample(drawSorted(ref, m, rng), known);
      out[b] = source.distance(new SortedPair(r, drawSorted(ref, n, rng)));
    }
  } else {
    const cum = cumulative(source.counts);
    for (let b = 0; b < replicates; b++) {
      const ref = drawCounts(cum, m, rng);
      const cur = drawCounts(cum, n, rng);
      out[b] = source.distance({ ref, cur, nRef: m, nCur: n });
    }
  }
  // NaN (never expected: both draws are non-empty) would sort last and count as "larger than observed".
  return out.sort();
}
