/**
 * The model's outputs on the reference data, prepared once: class counts, and the confidence deciles with
 * the reference's count in each. They come from the reference data set's `prediction` and `confidence`
 * columns (Evidently's column mapping names the model's output column `prediction` the same way); a
 * reference without a `prediction` column has no output reference, so no prediction drift.
 */
import { column, type Frame } from '../frame/types.js';
import { type ClassCounts, countClasses } from './class-shares.js';
import { binCounts, decileEdges } from './confidence-bins.js';

/** The reference columns the model's outputs are read from. */
export const OUTPUT_COLUMNS = { prediction: 'prediction', confidence: 'confidence' } as const;

/** The reference outputs, prepared for predictionDrift. */
export interface OutputReference {
  /** Rows with a prediction. */
  rows: number;
  classes: ClassCounts;
  /** null when the reference has no numeric confidence column (or no finite value in it). */
  confidence: { edges: Float64Array; counts: Float64Array; n: number } | null;
}

/** The output reference of `frame`, or null when it has no `prediction` column with a value. */
export function outputReference(frame: Frame): OutputReference | null {
  const p = column(frame, OUTPUT_COLUMNS.prediction);
  if (p === undefined || p.kind === 'timestamp') return null;
  // A numeric prediction column (classes written as 0/1/2) counts as labels too: String(1) === '1', as the
  // window's labels are counted.
  const labels =
    p.kind === 'categorical' ? p.values : Array.from(p.values, (v) => (Number.isNaN(v) ? null : v));
  const classes = countClasses(labels);
  const rows = [...classes.values()].reduce((a, b) => a + b, 0);
  if (rows === 0) return null;
  return { rows, classes, confidence: confidenceReference(frame) };
}

function confidenceReference(frame: Frame): OutputReference['confidence'] {
  const c = column(frame, OUTPUT_COLUMNS.confidence);
  if (c === undefined || c.kind !== 'numeric') return null;
  const sorted = Float64Array.from(c.values.filter((v) => Number.isFinite(v))).sort();
  if (sorted.length === 0) return null;
  const edges = decileEdges(sorted);
  return { edges, ...binCounts(sorted, edges) };
}
