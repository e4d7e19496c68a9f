/** What the engine hands the metrics: prediction records and one evaluation's results. */
import type { SystemSnapshot } from '../system/index.js';

/** The fields of a prediction record the counters and the latency histogram read (PredictionRecord fits). */
export interface PredictionObservation {
  /** Label value; 'default' when absent. */
  model?: string;
  /** Label value; 'unknown' when absent. */
  asset_class?: string;
  /** Observed into the histogram when present, finite and >= 0. */
  latency_seconds?: number;
  /** An error type: the prediction failed, and counts in both counters. */
  error?: string;
}

/** A dictionary-encoded label column: row i holds `values[codes[i]]`. */
export interface CodedLabels {
  values: readonly (string | null)[];
  codes: Int32Array;
}

/** The same fields for a batch held as columns (RecordColumns fits): null and NaN are absent. */
export interface PredictionColumns {
  rows: number;
  model: CodedLabels;
  assetClass: CodedLabels;
  error: CodedLabels;
  latencySeconds: Float64Array;
}

/** The data-quality figures, as `check quality --json` prints them (0-1). */
export interface QualityInput {
  score: number;
  missingRatio: number;
  duplicateRatio: number;
  outlierRatio: number;
}

/** One column's drift, as `check drift --json` prints it; DriftReport's columns fit. */
export interface DriftColumnInput {
  column: string;
  method: string;
  /** The p-value for tests, the distance otherwise; NaN (an untested column) exposes nothing. */
  score: number;
  drifted: boolean;
  /** Every method computed for the column, when several were; each becomes its own `method` series. */
  tests?: Readonly<Record<string, { score: number } | undefined>>;
}

/** The drift report: per-column results and the share of drifted columns. */
export interface DriftInput {
  columns: readonly DriftColumnInput[];
  driftedShare: number;
}

/** One model's classification metrics (weighted, as scikit-learn computes them); null = not computable. */
export interface ModelPerformanceInput {
  model: string;
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Relative accuracy drop against the baseline, 0-1; absent when there is no baseline. */
  degradation?: number | null;
}

/** One active alert; several with the same three labels add up in the gauge. */
export interface AlertInput {
  alertname: string;
  severity: string;
  /** 'pending' or 'firing'; other states ('inactive', 'resolved') are not active and are not exposed. */
  state: string;
}

/**
 * One evaluation's results. Every section is the whole truth for this evaluation: null (no data) removes
 * its series, and a feature, model or alert missing from the lists loses its series, so no value outlives
 * the evaluation that produced it.
 */
export interface EvaluationInput {
  /** Where the performance baseline came from and when it was adopted (epoch ms); null when none yet. */
  baseline?: { source: string; setAt: number } | null;
  quality: QualityInput | null;
  drift: DriftInput | null;
  performance: readonly ModelPerformanceInput[] | null;
  /** Share of predictions whose spread was within its limit, 0-1. */
  spreadCompliance: number | null;
  /** The model service's queue fill, 0-1; null (or absent) removes the sample. */
  queueUtilization?: number | null;
  /**
   * Prediction drift: the score (the larger of the two PSIs) and each part; null = not judged. Optional so
   * callers that predate it write nothing (its series stay absent).
   */
  predictionDrift?: { score: number | null; classes: number | null; confidence: number | null } | null;
  system: SystemSnapshot | null;
  alerts: readonly AlertInput[];
  /** How long the evaluation took, seconds. */
  durationSeconds: number;
  /** When the evaluation ran, epoch ms (as every time in the engine); exposed in seconds. */
  timestamp: number;
}
