/** Checks against a reference frame: values outside its range, categories it never had (Evidently). */
import type { Column, Frame } from '../frame/types.js';
import { column } from '../frame/types.js';
import { countOutside } from '../sorted-columns.js';
import { issue, percent } from './issues.js';
import type { QualityIssue } from './types.js';

/**
 * Numeric columns: current values below the reference minimum or above its maximum (Evidently's
 * "share of out-of-range values"; the share is over the current non-missing values).
 */
export function outOfRange(current: Column, reference: Column, sorted?: Float64Array): QualityIssue | null {
  if (current.kind !== 'numeric' || reference.kind !== 'numeric') return null;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const ref = reference.values;
  for (let i = 0; i < ref.length; i++) {
    const v = ref[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return null;
  const { count, present } = sorted
    ? { count: countOutside(sorted, min, max), present: sorted.length }
    : scanOutside(current.values, min, max);
  if (count === 0) return null;
  const ratio = count / present;
  return issue(
    'out_of_reference_range',
    `${count} values (${percent(ratio)}) of "${current.name}" fall outside the reference range [${min}, ${max}]`,
    { column: current.name, count, ratio },
  );
}

function scanOutside(cur: Float64Array, min: number, max: number): { count: number; present: number } {
  // Indexed loops: for-of over a typed array was 3x slower here, and this runs on every window column.
  let count = 0;
  let present = 0;
  for (let i = 0; i < cur.length; i++) {
    const v = cur[i]!;
    if (Number.isNaN(v)) continue; // missing
    present++;
    if (v < min || v > max) count++;
  }
  return { count, present };
}

/**
 * Categorical columns: current cells whose value never occurs in the reference (Evidently's "new
 * categories"); the share is over the current non-missing cells, and the message names a few values.
 */
export function unseenCategories(current: Column, reference: Column): QualityIssue | null {
  if (current.kind !== 'categorical' || reference.kind !== 'categorical') return null;
  const known = new Set(reference.values);
  const unseen = new Set<string>();
  let count = 0;
  let present = 0;
  for (const v of current.values) {
    if (v === null) continue;
    present++;
    if (!known.has(v)) {
      count++;
      unseen.add(v);
    }
  }
  if (count === 0) return null;
  const ratio = count / present;
  const examples = [...unseen].slice(0, 5).map((v) => JSON.stringify(v));
  const more = unseen.size > 5 ? ` and ${unseen.size - 5} more` : '';
  return issue(
    'unseen_categories',
    `${count} cells (${percent(ratio)}) of "${current.name}" hold ${unseen.size} categories not in the reference: ${examples.join(', ')}${more}`,
    { column: current.name, count, ratio },
  );
}

/**
 * Both reference checks for every current column that the reference also has; `sortedOf` as in
 * missingSummary (a numeric column's present values, sorted, where known).
 */
export function referenceIssues(
  current: Frame,
  reference: Frame,
  sortedOf: (col: Column) => Float64Array | undefined = () => undefined,
): QualityIssue[] {
  const out: QualityIssue[] = [];
  for (const col of current.columns) {
    const ref = column(reference, col.name);
    if (ref === undefined) continue;
    const found = outOfRange(col, ref, sortedOf(col)) ?? unseenCategories(col, ref);
    if (found !== null) out.push(found);
  }
  return out;
}
