/**
 * The prediction drift score, the market-maker guide's `model_drift` ("prediction drift score", warning
 * > 0.1, critical > 0.2): the larger of the class-share PSI and the confidence PSI. Both are PSIs, on the
 * scale the guide's levels come from (PSI < 0.1 no significant shift, 0.1-0.2 moderate, > 0.2 significant),
 * so the larger of the two reads on that scale too; an average would let a model whose classes hold steady
 * hide a collapsed confidence behind them.
 */
import { type ClassCounts, type ClassShareDrift, classSharePsi } from './class-shares.js';
import { confidencePsi } from './confidence-bins.js';
import type { OutputReference } from './output-reference.js';

/**
 * Below this many predictions the window gives no score. PSI's own noise on undrifted data is about
 * (B - 1) * (1 / n + 1 / m) for B bins, n current and m reference values (chi-square with B - 1 degrees of
 * freedom over n): for the 10 confidence bins, 9 / 500 + 9 / 5000 = 0.02 at 500 predictions, with a
 * standard deviation near 0.01, well under the 0.1 warning; at 100 predictions it would be 0.09, a false
 * warning half the time.
 */
export const PREDICTION_DRIFT_MIN_ROWS = 500;

/** The window's outputs: predicted labels (null for none) and confidences (NaN for none), row by row. */
export interface CurrentOutputs {
  classes: ClassCounts;
  confidence: ArrayLike<number>;
}

/** The prediction drift of one window against the output reference. */
export interface PredictionDrift {
  /** max(classes.psi, confidence psi); null below PREDICTION_DRIFT_MIN_ROWS predictions. */
  score: number | null;
  /** Predictions in the window (rows with a prediction). */
  rows: number;
  classes: ClassShareDrift | null;
  /** PSI of the confidence over the reference's deciles; null when either side has no confidence. */
  confidencePsi: number | null;
  /** Why `score` is null, for people. */
  note: string | null;
}

/** Scores `current` against `reference`. */
export function predictionDrift(reference: OutputReference, current: CurrentOutputs): PredictionDrift {
  const rows = [...current.classes.values()].reduce((a, b) => a + b, 0);
  if (rows < PREDICTION_DRIFT_MIN_ROWS) {
    const note = `warming up: ${rows} of ${PREDICTION_DRIFT_MIN_ROWS} predictions`;
    return { score: null, rows, classes: null, confidencePsi: null, note };
  }
  const classes = classSharePsi(reference.classes, current.classes);
  const conf = reference.confidence
    ? confidencePsi(reference.confidence.edges, reference.confidence, current.confidence)
    : null;
  const parts = [classes?.psi ?? null, conf].filter((v): v is number => v !== null && Number.isFinite(v));
  const score = parts.length > 0 ? Math.max(...parts) : null;
  return { score, rows, classes, confidencePsi: conf, note: score === null ? 'no comparable outputs' : null };
}
