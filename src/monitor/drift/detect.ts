/** `detectDrift`: the pure, single-threaded drift report of a current frame against a reference frame. */

import type { Frame } from '../frame/types.js';
import { finitePart, type SortedColumns } from '../sorted-columns.js';
import { alignCategories, categoricalCounts } from './categorical.js';
import { analyzeCategorical, analyzeNumeric } from './column-core.js';
import { type ColumnPairing, selectColumns } from './columns.js';
import type { ColumnPlan } from './options.js';
import { planFor, resolveOptions } from './options.js';
import { PreparedReference } from './prepared-reference.js';
import { summarize } from './report.js';
import { SortedPair, sortedFinite } from './sorted-pair.js';
import type { ColumnDrift, DriftOptions, DriftReport } from './types.js';

/**
 * One column's result. A numeric column is copied without its missing values and sorted once; every method
 * reads those two arrays, which are garbage as soon as the column is done (one column's copies at a time).
 * With a prepared reference, the reference side comes sorted (or counted) from its cache.
 */
export function driftOfColumn(
  column: ColumnPairing,
  plan: ColumnPlan,
  prepared: PreparedReference | null = null,
  sorted?: SortedColumns,
): ColumnDrift {
  if (column.kind === 'numeric') {
    const ref = prepared ? prepared.numeric(column.ref) : sortedFinite(column.ref.values);
    const cur = sorted ? finitePart(sorted.of(column.cur)) : sortedFinite(column.cur.values);
    return analyzeNumeric(column.name, plan, new SortedPair(ref, cur));
  }
  const { counts, refDistinct } = prepared
    ? alignCategories(prepared.categorical(column.ref), column.cur.values)
    : categoricalCounts(column.ref.values, column.cur.values);
  return analyzeCategorical(column.name, plan, counts, refDistinct);
}

/**
 * Per-column drift of `current` against `reference`, and whether the dataset as a whole drifted.
 * `reference` may be a PreparedReference (prepareReference): same report, the reference sorted only once.
 * With `sorted`, the current columns' sorted values are taken from it (and kept there for quality).
 */
export function detectDrift(
  reference: Frame | PreparedReference,
  current: Frame,
  options: DriftOptions = {},
  sorted?: SortedColumns,
): DriftReport {
  const prepared = reference instanceof PreparedReference ? reference : null;
  const asked = resolveOptions(options);
  const columns = selectColumns(prepared?.frame ?? (reference as Frame), current, asked.columns);
  const resolved = planFor(asked, columns.length);
  return summarize(
    columns.map((c) => driftOfColumn(c, resolved, prepared, sorted)),
    resolved.datasetShare,
  );
}
