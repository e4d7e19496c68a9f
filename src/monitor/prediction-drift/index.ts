/** Prediction drift: the model's outputs (class shares, confidence) against the reference's. */
export { type ClassCounts, type ClassShareDrift, classSharePsi, countClasses } from './class-shares.js';
export { binCounts, CONFIDENCE_BINS, confidencePsi, decileEdges } from './confidence-bins.js';
export { OUTPUT_COLUMNS, type OutputReference, outputReference } from './output-reference.js';
export {
  type CurrentOutputs,
  PREDICTION_DRIFT_MIN_ROWS,
  type PredictionDrift,
  predictionDrift,
} from './score.js';
