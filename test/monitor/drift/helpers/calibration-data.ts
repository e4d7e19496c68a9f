/** Seeded samples for the calibration tests: normal columns, correlated frames, categories, and rate bounds. */
import { seededUniform } from '../../../../src/monitor/drift/calibration/rng.js';
import { type Frame, frameFromColumns } from '../../../../src/monitor/index.js';

/** A standard-normal generator (Box-Muller on the seeded uniform). */
export function normals(seed: number): () => number {
  const u = seededUniform(seed);
  return () => Math.sqrt(-2 * Math.log(u.next())) * Math.cos(2 * Math.PI * u.next());
}

/** n draws of z() + shift. */
export function sample(z: () => number, n: number, shift = 0): Float64Array {
  return Float64Array.from({ length: n }, () => z() + shift);
}

/** A latent N(0, 1) value cut at -1, 0, 1 into 4 categories (shares 16 %, 34 %, 34 %, 16 %). */
export const cut = (x: number): string => `c${[-1, 0, 1].filter((c) => x > c).length}`;

/** A one-column frame `x`, numeric or cut into categories. */
export function oneColumn(values: Float64Array, categorical = false): Frame {
  return frameFromColumns({ x: categorical ? Array.from(values, cut) : values }).frame;
}

/**
 * 14 columns like the demo's features: f0-f3 nearly identical (open, high, low, close: one factor plus
 * 5 % noise), f4-f13 sharing a second factor (pairwise correlation 0.36). `shift` moves f4.
 */
export function correlatedFrame(rows: number, seed: number, shift = 0, categorical = false): Frame {
  const z = normals(seed);
  const cols = Array.from({ length: 14 }, () => new Float64Array(rows));
  for (let i = 0; i < rows; i++) {
    const f0 = z();
    const f1 = z();
    for (let c = 0; c < 14; c++) {
      const x = c < 4 ? (f0 + 0.05 * z()) / Math.sqrt(1.0025) : 0.6 * f1 + 0.8 * z();
      cols[c]![i] = x + (c === 4 ? shift : 0);
    }
  }
  const named: Record<string, Float64Array | string[]> = {};
  cols.forEach((col, c) => {
    named[`f${c}`] = categorical ? Array.from(col, cut) : col;
  });
  return frameFromColumns(named).frame;
}

/**
 * The most false alarms allowed in `trials` at a true rate `rate`: the one-sided 99.5 % normal bound of the
 * binomial, rate * T + 2.576 * sqrt(T * rate * (1 - rate)). A correct method exceeds it with probability
 * ~0.5 %; one at twice the rate exceeds it most of the time once rate * T >= 20.
 */
export function falseAlarmBound(trials: number, rate: number): number {
  return rate * trials + 2.576 * Math.sqrt(trials * rate * (1 - rate));
}
