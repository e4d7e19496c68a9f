/**
 * Prediction drift of the window: the model's outputs (predicted classes, confidence) against the
 * reference's, as monitor/prediction-drift scores them. Failed predictions have no output and are left out.
 */
import {
  countClasses,
  type OutputReference,
  type PredictionDrift,
  predictionDrift,
} from '../monitor/index.js';
import type { WindowColumns } from './window.js';

/** The window's prediction drift; a null score with a note when there is nothing to compare against. */
export function windowPredictionDrift(
  w: WindowColumns,
  reference: OutputReference | null,
  hasReference: boolean,
): PredictionDrift {
  if (reference === null) {
    const note = hasReference
      ? 'the reference has no prediction column: add the model\'s "prediction" (and "confidence") to it'
      : 'no reference loaded (PUT /api/v1/reference)';
    return { score: null, rows: 0, classes: null, confidencePsi: null, note };
  }
  const labels: (string | number | boolean | null)[] = [];
  const confidence: number[] = [];
  for (let i = 0; i < w.rows; i++) {
    const p = w.prediction[i] ?? null;
    if (p === null || w.error[i] !== null) continue;
    labels.push(p);
    confidence.push(w.confidence[i]!);
  }
  return predictionDrift(reference, { classes: countClasses(labels), confidence });
}
