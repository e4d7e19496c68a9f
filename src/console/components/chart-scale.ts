/**
 * Pure: a chart's y-axis. Row i (0 at the bottom) stands for exactly `(first + i) * step`, its label says
 * that value, and a value is drawn on the row nearest to it, so a label never lies about its row. The step
 * is a "nice" number (a power of ten times 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8, after Heckbert's "Nice numbers
 * for graph labels", Graphics Gems, 1990) and is chosen so that the warning and critical levels fall exactly on a row when a
 * step at most twice the tightest allows it; else on rows of their own and as many exactly as such a
 * step up to 1.6 times the tightest allows; otherwise a level is drawn on its nearest row and its tag says "≈" with its true value (chart-lines.ts).
 */

/** The y-axis: `rows` rows, row i has the value `(first + i) * step`. */
export interface Axis {
  step: number;
  /** The bottom row's value in steps (an integer, so that row values carry no drift). */
  first: number;
  rows: number;
}

/** Heckbert's 1, 2, 5 (and 2.5), with the steps between them so a chart's rows are not half empty. */
const MANTISSAS = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8];
/** Relative slack for float comparisons (0.1 / 0.05 is 2.0000000000000004). */
const EPS = 1e-9;

/** The nice steps at least `min`, ascending (enough of them to search). */
export function niceSteps(min: number, count = 24): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(min)) - 1; out.length < count; e++) {
    for (const m of MANTISSAS) {
      // 2.5 * 10 ** -2 is 0.025 exactly enough; a negative power as a division keeps 0.1 * 3 style drift out
      const s = e >= 0 ? m * 10 ** e : m / 10 ** -e;
      if (s >= min * (1 - EPS)) out.push(s);
    }
  }
  return out.slice(0, count);
}

/** True when `v` is a whole number of steps. */
export function onGrid(v: number, step: number): boolean {
  const k = v / step;
  return Math.abs(k - Math.round(k)) < 1e-6;
}

/** The value of row `i` (0 at the bottom). */
export function rowValue(a: Axis, i: number): number {
  return (a.first + i) * a.step;
}

/** The row `v` is drawn on: the nearest, kept inside the chart. */
export function rowOf(a: Axis, v: number): number {
  return Math.min(a.rows - 1, Math.max(0, Math.round(v / a.step - a.first)));
}

/** True when `v` is drawn exactly at its value: on the grid and inside the chart. */
export function exactRow(a: Axis, v: number): boolean {
  const r = v / a.step - a.first;
  return onGrid(v, a.step) && r > -1e-6 && r < a.rows - 1 + 1e-6;
}

/**
 * The axis of `rows` rows (at least 2) that holds every value in `values` (the data and the levels):
 * the tightest nice step, or a coarser one up to twice as large when every level then sits on a row.
 */
export function chooseAxis(values: readonly number[], levels: readonly number[], rows: number): Axis {
  const all = [...values, ...levels].filter(Number.isFinite);
  if (rows < 2) throw new Error(`chart axis: ${rows} rows, need at least 2`);
  if (all.length === 0) return { step: 1, first: 0, rows };
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const flat = hi - lo <= Math.abs(hi) * EPS;
  // a flat line gets a step of a tenth of its value (or 1 at zero), and sits mid-chart
  const minStep = flat ? (Math.abs(hi) || 1) / 10 : (hi - lo) / (rows - 1);
  const fits = (s: number) => {
    const first = Math.floor(lo / s + EPS);
    return (first + rows - 1) * s >= hi - s * EPS ? first : null;
  };
  const steps = niceSteps(minStep);
  const lv = levels.filter(Number.isFinite);
  let tight: Axis | null = null;
  let best: { a: Axis; score: number } | null = null;
  for (const step of steps) {
    const first = fits(step);
    if (first === null) continue;
    const a = { step, first, rows };
    tight ??= a;
    if (step > tight.step * 2 * (1 + EPS)) break;
    const exact = lv.filter((l) => onGrid(l, step)).length;
    if (exact === lv.length) return centred(a, lo, hi);
    // else: a row of its own for each level (no tag hides another), then as many exact as may be
    // (at most 1.6 times the tightest: the data keeps over 60 % of the rows it would have)
    if (step > tight.step * 1.6 * (1 + EPS)) continue;
    const apart = new Set(lv.map((l) => rowOf(a, l))).size === lv.length;
    const score = (apart ? 100 : 0) + exact;
    if (!best || score > best.score) best = { a, score };
  }
  // niceSteps always reaches a step that fits (the 24th is at least 10x the minimum)
  const fallback = { step: steps.at(-1)!, first: Math.floor(lo / steps.at(-1)!), rows };
  return centred(best && best.score > 0 ? best.a : (tight ?? fallback), lo, hi);
}

/** Moves spare rows from the top to below the data, half of them, never below zero for data that is not. */
function centred(a: Axis, lo: number, hi: number): Axis {
  const top = Math.round(hi / a.step + 1e-6);
  const spare = a.first + a.rows - 1 - top;
  if (spare < 2) return a;
  const down = Math.floor(spare / 2);
  // rounding noise (-1e-17 from a subtraction) is not a negative value
  const first = lo >= -a.step * 1e-6 ? Math.max(0, a.first - down) : a.first - down;
  return { ...a, first };
}
