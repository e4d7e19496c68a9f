/** Constant and almost-constant columns (Evidently's "constant" / "almost constant" column checks). */
import type { Column } from '../frame/types.js';
import { longestRun, medianRun } from '../sorted-columns.js';

/** The most frequent non-missing value's count, and how many non-missing cells there are. */
export interface TopValue {
  present: number;
  topCount: number;
}

/**
 * Counts the most frequent non-missing value, exactly, when its share is at least `minShare`; when no
 * value reaches that share, `topCount` is only a lower bound (callers compare it with the share anyway).
 * For minShare > 0.5 such a value is a strict majority, so Boyer-Moore's majority vote (R. S. Boyer,
 * J S. Moore, 1981) finds the only candidate in one pass and a second pass counts it: no hash map over
 * a million cells. Smaller shares fall back to counting every value.
 */
export function topValue(col: Column, minShare: number): TopValue {
  if (minShare <= 0.5) return countAll(col);
  return col.kind === 'categorical' ? majorityOfStrings(col.values) : majorityOfNumbers(col.values);
}

/**
 * topValue of a numeric column from its present values sorted (SortedColumns), with the same contract:
 * for minShare > 0.5 the count of the median value (a majority's exact count; a lower bound when there is
 * none), else the longest run of equal values (exact).
 */
export function topValueSorted(sorted: Float64Array, minShare: number): TopValue {
  return { present: sorted.length, topCount: minShare > 0.5 ? medianRun(sorted) : longestRun(sorted) };
}

function majorityOfNumbers(values: Float64Array): TopValue {
  let candidate = Number.NaN;
  let votes = 0;
  let present = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    present++;
    if (votes === 0) {
      candidate = v;
      votes = 1;
    } else if (v === candidate) votes++;
    else votes--;
  }
  let topCount = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === candidate) topCount++;
  return { present, topCount };
}

function majorityOfStrings(values: ReadonlyArray<string | null>): TopValue {
  let candidate: string | null = null;
  let votes = 0;
  let present = 0;
  for (const v of values) {
    if (v === null) continue;
    present++;
    if (votes === 0) {
      candidate = v;
      votes = 1;
    } else if (v === candidate) votes++;
    else votes--;
  }
  let topCount = 0;
  if (candidate !== null) for (const v of values) if (v === candidate) topCount++;
  return { present, topCount };
}

function countAll(col: Column): TopValue {
  const values: ArrayLike<number | string | null> = col.values;
  const counts = new Map<number | string, number>();
  let present = 0;
  let topCount = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === null || Number.isNaN(v)) continue;
    present++;
    // Map keys use SameValueZero: -0 and 0 are one key, like === in the majority vote.
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > topCount) topCount = c;
  }
  return { present, topCount };
}
