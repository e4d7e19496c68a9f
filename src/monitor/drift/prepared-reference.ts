/**
 * A reference frame prepared for drift: each numeric column's finite values sorted, and each categorical
 * column's counts, computed once per reference instead of once per evaluation. The engine keeps one until
 * PUT /api/v1/reference replaces the reference; `detectDrift` and `detectDriftParallel` take it in place
 * of the frame and give exactly the same report (the same arrays, merely computed earlier).
 *
 * Memory: the sorted copies double the reference's numeric data for as long as it is kept. Columns are
 * prepared on first use, so columns no report asks for cost nothing.
 */

import type { CategoricalColumn, Frame, NumericColumn } from '../frame/types.js';
import { type CategoryCounts, countCategories } from './categorical.js';
import { SortedSample, sortedFinite } from './sorted-pair.js';

/** A reference frame with its per-column drift inputs cached. */
export class PreparedReference {
  readonly #numeric = new Map<NumericColumn, SortedSample>();
  readonly #categorical = new Map<CategoricalColumn, CategoryCounts>();

  constructor(readonly frame: Frame) {}

  /** The column's finite values, sorted, with their distinct count and standard deviation. */
  numeric(column: NumericColumn): SortedSample {
    let s = this.#numeric.get(column);
    if (s === undefined) {
      s = new SortedSample(sortedFinite(column.values));
      this.#numeric.set(column, s);
    }
    return s;
  }

  /** The column's category counts in first-seen order. */
  categorical(column: CategoricalColumn): CategoryCounts {
    let c = this.#categorical.get(column);
    if (c === undefined) {
      c = countCategories(column.values);
      this.#categorical.set(column, c);
    }
    return c;
  }
}

/** Prepares `frame` as a drift reference (lazily, column by column; see PreparedReference). */
export function prepareReference(frame: Frame): PreparedReference {
  return new PreparedReference(frame);
}

/** The frame behind a reference given either way. */
export function referenceFrame(reference: Frame | PreparedReference): Frame {
  return reference instanceof PreparedReference ? reference.frame : reference;
}
