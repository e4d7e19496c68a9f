// Seeded data for bench/drift-calibration.mjs: independent and correlated normal columns, the same
// columns cut into categories, and windows of the demo simulator against its reference.
import { seededUniform } from '../dist/monitor/drift/calibration/rng.js';
import { frameFromColumns, frameFromRecords } from '../dist/monitor/index.js';
import { generateRecords, referenceRows } from '../dist/sim/index.js';

/** A standard-normal generator (Box-Muller on the seeded uniform). */
export function normals(seed) {
  const u = seededUniform(seed);
  return () => Math.sqrt(-2 * Math.log(u.next())) * Math.cos(2 * Math.PI * u.next());
}

/** Cut points of a latent N(0, 1) into 4 categories with shares 16 %, 34 %, 34 %, 16 %. */
const CUTS = [-1, 0, 1];
const category = (x) => `c${CUTS.filter((c) => x > c).length}`;

/**
 * `cols` columns of `rows` rows, like the demo's features: columns 0-3 nearly identical (open, high,
 * low, close: one factor plus 5 % noise), columns 4+ sharing a factor (correlation 0.36). `shift` is
 * added to column `shifted` (in units of its standard deviation, 1). Categorical: each column cut by CUTS.
 */
export function correlatedFrame(rows, cols, seed, { shift = 0, shifted = 4, categorical = false } = {}) {
  const z = normals(seed);
  const data = Array.from({ length: cols }, () => new Float64Array(rows));
  for (let i = 0; i < rows; i++) {
    const f0 = z();
    const f1 = z();
    for (let c = 0; c < cols; c++) {
      const x = c < 4 ? (f0 + 0.05 * z()) / Math.sqrt(1.0025) : 0.6 * f1 + 0.8 * z();
      data[c][i] = x + (c === shifted ? shift : 0);
    }
  }
  const named = {};
  data.forEach((col, c) => {
    named[`f${c}`] = categorical ? Array.from(col, category) : col;
  });
  return frameFromColumns(named).frame;
}

/** The demo's reference (`mmops simulate --write-reference`, seed 7) as a frame. */
export function demoReference(rows) {
  return frameFromRecords([...referenceRows({ rows })]).frame;
}

/** `count` consecutive windows of `n` healthy demo records (one simulator run, after `skip` records). */
export function demoWindows(n, count, seed, skip = 2048) {
  const records = generateRecords(skip + n * count, { seed }).slice(skip);
  return Array.from(
    { length: count },
    (_, k) => frameFromRecords(records.slice(k * n, (k + 1) * n).map((g) => g.record.features)).frame,
  );
}
