/** The guide's IQR outlier detection (`detect_outliers`), per numeric column. */
import { countOutside } from '../sorted-columns.js';
import { quantiles, quantilesSorted } from './quantile.js';

/** Quartiles, fences and the outlier count and ratio of one column. */
export interface IqrOutliers {
  q1: number;
  q3: number;
  lower: number;
  upper: number;
  count: number;
  /** count / all rows, missing ones included, as the guide's `outliers / len(data)`. */
  ratio: number;
}

/**
 * The guide: Q1, Q3 = quantile(0.25), quantile(0.75); IQR = Q3 - Q1; outliers are values below
 * Q1 - 1.5 * IQR or above Q3 + 1.5 * IQR, and the ratio divides by len(data), missing rows included.
 * NaN compares false, so missing cells are never outliers; an all-missing column has none.
 * `scratch` (at least values.length long) saves an allocation per column; its contents are clobbered.
 */
export function iqrOutliers(values: Float64Array, scratch?: Float64Array): IqrOutliers {
  const [q1 = Number.NaN, q3 = Number.NaN] = quantiles(values, [0.25, 0.75], scratch);
  const { lower, upper } = fences(q1, q3);
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lower || v > upper) count++;
  }
  return { q1, q3, lower, upper, count, ratio: values.length === 0 ? 0 : count / values.length };
}

/**
 * iqrOutliers from the column's present values sorted (SortedColumns) and its row count: the same figures,
 * the quartiles read off and the outliers counted by binary search instead of selection and a scan.
 */
export function iqrOutliersSorted(sorted: Float64Array, rows: number): IqrOutliers {
  const [q1 = Number.NaN, q3 = Number.NaN] = quantilesSorted(sorted, [0.25, 0.75]);
  const { lower, upper } = fences(q1, q3);
  const count = countOutside(sorted, lower, upper);
  return { q1, q3, lower, upper, count, ratio: rows === 0 ? 0 : count / rows };
}

function fences(q1: number, q3: number): { lower: number; upper: number } {
  const iqr = q3 - q1;
  return { lower: q1 - 1.5 * iqr, upper: q3 + 1.5 * iqr };
}
