/**
 * Samples drawn under "no drift": from the reference's own distribution, produced sorted, so a draw needs
 * no comparison sort. Two ways, whichever is cheaper: counting k random reference positions (O(k + m),
 * no logarithm), or sorted uniforms from exponential spacings (O(k) logarithms): if E_1..E_k+1 are
 * i.i.d. Exp(1) and S_j = E_1 + ... + E_j, then S_1/S_k+1 < ... < S_k/S_k+1 are the order statistics
 * of k uniforms (Devroye 1986, "Non-Uniform Random Variate Generation", V.2.1).
 */

import type { Uniform } from './rng.js';

/** k sorted uniforms in (0, 1), written into `out` (length >= k + 1 for the spacings). */
function sortedUniforms(k: number, rng: Uniform, out: Float64Array): void {
  let s = 0;
  for (let j = 0; j < k; j++) {
    s -= Math.log(rng.next());
    out[j] = s;
  }
  s -= Math.log(rng.next());
  for (let j = 0; j < k; j++) out[j] = out[j]! / s;
}

/** Counting pays while the reference is at most this many times the draw (a logarithm ~ 4 counter steps). */
const COUNTING_RATIO = 4;

/** k values drawn with replacement from the sorted sample `ref` (its empirical distribution), sorted. */
export function drawSorted(ref: Float64Array, k: number, rng: Uniform): Float64Array {
  const m = ref.length;
  if (m <= COUNTING_RATIO * k) return drawByCounting(ref, k, rng);
  const u = new Float64Array(k + 1);
  sortedUniforms(k, rng, u);
  const out = new Float64Array(k);
  for (let j = 0; j < k; j++) out[j] = ref[Math.min(m - 1, Math.floor(u[j]! * m))]!;
  return out;
}

/** The same draw by counting k uniform positions of `ref`, then writing each value as often as drawn. */
function drawByCounting(ref: Float64Array, k: number, rng: Uniform): Float64Array {
  const m = ref.length;
  const hits = new Uint32Array(m);
  for (let j = 0; j < k; j++) hits[Math.min(m - 1, Math.floor(rng.next() * m))]! += 1;
  const out = new Float64Array(k);
  let at = 0;
  for (let i = 0; i < m; i++) for (let h = hits[i]!; h > 0; h--) out[at++] = ref[i]!;
  return out;
}

/** Multinomial(k, shares) counts, shares given as cumulative weights `cum` (last = total). */
export function drawCounts(cum: Float64Array, k: number, rng: Uniform): Float64Array {
  const u = new Float64Array(k + 1);
  sortedUniforms(k, rng, u);
  const total = cum[cum.length - 1]!;
  const counts = new Float64Array(cum.length);
  let c = 0;
  for (let j = 0; j < k; j++) {
    const x = u[j]! * total;
    while (c < cum.length - 1 && x >= cum[c]!) c++;
    counts[c]! += 1;
  }
  return counts;
}
