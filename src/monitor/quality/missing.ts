/** Missing cells: the guide's `data.isnull().sum().sum() / (rows * cols)`. */
import type { Column, Frame } from '../frame/types.js';

/** Missing cells in one column: NaN in numeric and timestamp columns, null in categorical ones. */
export function missingCount(col: Column): number {
  let n = 0;
  if (col.kind === 'categorical') {
    for (const v of col.values) if (v === null) n++;
  } else {
    const values = col.values;
    for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i]!)) n++;
  }
  return n;
}

/**
 * Per-column missing counts plus the overall ratio; 0 for a frame with no cells. `sortedOf` gives a
 * numeric column's present values where they are known: the count is then the rest of the rows.
 */
export function missingSummary(
  frame: Frame,
  sortedOf: (col: Column) => Float64Array | undefined = () => undefined,
): { counts: number[]; ratio: number } {
  const counts = frame.columns.map((col) => {
    const present = sortedOf(col);
    return present ? col.values.length - present.length : missingCount(col);
  });
  const cells = frame.rows * frame.columns.length;
  const total = counts.reduce((a, b) => a + b, 0);
  return { counts, ratio: cells === 0 ? 0 : total / cells };
}
