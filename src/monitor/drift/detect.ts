/** `detectDrift`: the pure, single-threaded drift report of a current frame against a reference frame. */

import type { Frame } from '../frame/types.js';
import { categoricalCounts } from './categorical.js';
import { analyzeCategorical, analyzeNumeric } from './column-core.js';
import { type ColumnPairing, selectColumns } from './columns.js';
import type { ColumnPlan } from './options.js';
import { resolveOptions } from './options.js';
import { summarize } from './report.js';
import { SortedPair, sortedFinite } from './sorted-pair.js';
import type { ColumnDrift, DriftOptions, DriftReport } from './types.js';

/**
 * One column's result. A numeric column is copied without its missing values and sorted once; every method
 * reads those two arrays, which are garbage as soon as the column is done (one column's copies at a time).
 */
export function driftOfColumn(column: ColumnPairing, plan: ColumnPlan): ColumnDrift {
  if (column.kind === 'numeric') {
    const pair = new SortedPair(sortedFinite(column.ref.values), sortedFinite(column.cur.values));
    return analyzeNumeric(column.name, plan, pair);
  }
  const { counts, refDistinct } = categoricalCounts(column.ref.values, column.cur.values);
  return analyzeCategorical(column.name, plan, counts, refDistinct);
}

/** Per-column drift of `current` against `reference`, and whether the dataset as a whole drifted. */
export function detectDrift(reference: Frame, current: Frame, options: DriftOptions = {}): DriftReport {
  const resolved = resolveOptions(options);
  const columns = selectColumns(reference, current, resolved.columns);
  return summarize(
    columns.map((c) => driftOfColumn(c, resolved)),
    resolved.datasetShare,
  );
}
