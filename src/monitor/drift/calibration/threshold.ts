/**
 * The calibrated threshold of a distance: the larger of Evidently's fixed threshold (an effect size worth
 * an alert) and the distance's Monte Carlo critical value at the current sizes and the per-column level.
 * Without the second, a 0.1 threshold flags most undrifted columns at 100 rows (normalized Wasserstein's
 * null mean is ~1.29 * sqrt(1/n + 1/m) for a normal column: 0.13 at n = 100, m = 5,000); without the first, a large
 * window flags differences too small to matter, or due only to rows that are not independent.
 */

import type { DistanceName } from '../types.js';
import { LruCache } from './cache.js';
import { criticalValue, replicatesFor, roundUpAbove } from './monte-carlo.js';
import { type NullSource, nullReplicates, seedOf } from './null-distribution.js';

/** Sizes above this are simulated at this size and scaled (see `sizeScale`); bounds the cost of a draw. */
export const SIMULATION_CAP = 1000;

/** Under no drift a distance shrinks like (1/n + 1/m)^power: W1 and JS like a norm, PSI like a square. */
export const SIZE_POWER: Readonly<Record<DistanceName, number>> = {
  wasserstein: 0.5,
  jensenshannon: 0.5,
  psi: 1,
};

/**
 * The size simulated for a sample of n: n itself up to 16, then n rounded down to a quarter-octave grid
 * (2^(k/4)), capped at SIMULATION_CAP. Rounding down is conservative (a smaller sample is noisier) and lets
 * a growing window reuse a cached distribution for about 19 % of growth.
 */
export function simulatedSize(n: number): number {
  if (n <= 16) return n;
  if (n >= SIMULATION_CAP) return SIMULATION_CAP;
  return Math.floor(2 ** (Math.floor(4 * Math.log2(n) + 1e-9) / 4));
}

/**
 * The factor from the simulated sizes to the real ones, ((1/n + 1/m) / (1/n' + 1/m'))^power, applied only
 * for a side that was capped (a side rounded down to the grid keeps its conservative simulated size).
 */
export function sizeScale(method: DistanceName, n: number, m: number, nSim: number, mSim: number): number {
  const nEff = n > SIMULATION_CAP ? n : nSim;
  const mEff = m > SIMULATION_CAP ? m : mSim;
  return ((1 / nEff + 1 / mEff) / (1 / nSim + 1 / mSim)) ** SIZE_POWER[method];
}

const cache = new LruCache<Float64Array>(512);

/** What identifies a null distribution: the method, the reference's content and the simulated sizes. */
export interface NullKey {
  method: DistanceName;
  /** A content key of the reference (numeric fingerprint or category counts). */
  reference: string;
}

/**
 * The threshold a distance is compared with: max(floor, critical value at `level`), the critical value
 * rounded up to 4 significant digits so that `distance >= threshold` means "greater than the critical value".
 */
export function calibratedThreshold(
  key: NullKey,
  source: NullSource,
  n: number,
  m: number,
  level: number,
  floor: number,
): number {
  const nSim = simulatedSize(n);
  const mSim = simulatedSize(m);
  const b = replicatesFor(level);
  const id = `${key.method}|${key.reference}|${nSim}|${mSim}|${b}`;
  const replicates = cache.getOrMake(id, () => nullReplicates(source, nSim, mSim, b, seedOf(id)));
  const critical = criticalValue(replicates, level) * sizeScale(key.method, n, m, nSim, mSim);
  return Math.max(floor, roundUpAbove(critical));
}

/** Null distributions held (for tests). */
export function cachedNullCount(): number {
  return cache.size;
}
