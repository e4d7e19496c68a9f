/** Class labels: normalise numbers and strings to one string form and order them as scikit-learn does. */

import type { Column } from '../frame/types.js';

/** A class label as a record or a CSV cell carries it. */
export type Label = string | number;

/** The label vocabulary of a pair of label arrays, normalised and sorted. */
export interface LabelSet {
  /** Distinct labels in sklearn's order (`unique_labels`, i.e. `np.unique` of both arrays). */
  readonly labels: string[];
  /** Normalises one input label to its entry in `labels`. */
  readonly key: (label: Label) => string;
  /** True when every label is numeric and the order is numeric. */
  readonly numeric: boolean;
}

// A decimal number as pandas' CSV reader would parse it; hex, 'inf' and 'nan' are not labels.
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function isNumeric(label: Label): boolean {
  return typeof label === 'number' ? Number.isFinite(label) : NUMERIC.test(label);
}

/** Orders strings by Unicode code point, as numpy sorts '<U' arrays (JS `<` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

/**
 * Builds the sorted label set of y_true and y_pred, following sklearn's `unique_labels` (`np.unique`).
 *
 * - All labels numeric (JS numbers, or strings such as "2" or "1.0" that pandas would read as numbers):
 *   they are compared as numbers and keyed by `String(Number(x))`, so 1, "1" and "1.0" are one class
 *   and 10 sorts after 9. sklearn sorts numeric arrays numerically; a CSV column of numbers reaches
 *   sklearn as numbers, so this matches pandas + sklearn on the same file.
 * - Otherwise every label is keyed by `String(x)` and sorted by code point (`np.unique` on strings).
 *   sklearn raises on a mix of numbers and strings; we treat the mix as strings instead.
 * Throws RangeError on a non-finite number (a missing label must be dropped first: see `pairLabels`).
 */
export function labelSet(yTrue: ReadonlyArray<Label>, yPred: ReadonlyArray<Label>): LabelSet {
  let numeric = true;
  for (const y of [yTrue, yPred]) {
    for (const label of y) {
      if (typeof label === 'number' && !Number.isFinite(label)) {
        throw new RangeError(`label ${label} is not a class: drop missing labels first`);
      }
      if (numeric && !isNumeric(label)) numeric = false;
    }
  }
  const key = numeric ? (l: Label) => String(Number(l)) : (l: Label) => String(l);
  const distinct = new Set<string>();
  for (const y of [yTrue, yPred]) for (const label of y) distinct.add(key(label));
  const labels = [...distinct].sort(numeric ? (a, b) => Number(a) - Number(b) : compareCodePoints);
  return { labels, key, numeric };
}

/** A cell that holds no label: null, undefined, '', or a non-finite number. */
export function isMissingLabel(label: Label | null | undefined): boolean {
  if (label === null || label === undefined) return true;
  return typeof label === 'number' ? !Number.isFinite(label) : label.trim() === '';
}

/** Pairs of (true, predicted) labels with both present; rows missing either are dropped and counted. */
export function pairLabels(
  yTrue: ReadonlyArray<Label | null | undefined>,
  yPred: ReadonlyArray<Label | null | undefined>,
): { yTrue: Label[]; yPred: Label[]; dropped: number } {
  if (yTrue.length !== yPred.length) {
    throw new RangeError(`y_true has ${yTrue.length} labels but y_pred has ${yPred.length}`);
  }
  const t: Label[] = [];
  const p: Label[] = [];
  for (let i = 0; i < yTrue.length; i++) {
    const a = yTrue[i];
    const b = yPred[i];
    if (isMissingLabel(a) || isMissingLabel(b)) continue;
    t.push(a as Label);
    p.push(b as Label);
  }
  return { yTrue: t, yPred: p, dropped: yTrue.length - t.length };
}

/** A frame column's cells as labels: numbers stay numbers, missing cells (NaN, null) become null. */
export function columnLabels(column: Column): Array<Label | null> {
  if (column.kind === 'categorical') return [...column.values];
  return Array.from(column.values, (v) => (Number.isFinite(v) ? v : null));
}
