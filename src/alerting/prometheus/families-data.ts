/** Data quality, drift and model performance: the market-master guide's alerts and the model rows. */
import type { Config } from '../../config/index.js';
import { levelBook } from '../../monitor/index.js';
import { RUNBOOK } from '../keys.js';
import { type Family, pair } from './family.js';
import { driftDistance, gauge, UNBOUNDED } from './signals.js';

/** DataQualityDegraded, DataDriftDetected, ModelDrift (per feature) and PredictionDrift (the model's outputs). */
export function data(config: Config): Family[] {
  const { quality, drift, thresholds: t, metrics } = config;
  const book = levelBook(config);
  const prefix = metrics.prefix;
  const group = 'market_master_data';
  const methods = Object.keys(drift.distance_thresholds);
  return [
    {
      group,
      alert: 'DataQualityDegraded',
      signal: gauge(`${prefix}_data_quality_score`),
      for: quality.for, // the market-master guide's rule: 5m
      runbook: RUNBOOK.quality,
      summary: 'Data quality score is below threshold',
      subject: 'The data quality score on {{ $labels.instance }}',
      levels: pair(book.quality),
    },
    // As the engine: warn from drift.warning_share of the tested features, critical at Evidently's dataset
    // drift (share >= drift.dataset_share). One feature alone is no alert: with alpha 0.05 and 14 features,
    // some feature "drifts" by chance in about half of all undrifted windows (1 - 0.95^14).
    {
      group,
      alert: 'DataDriftDetected',
      signal: gauge(`${prefix}_dataset_drift_share_ratio`),
      for: drift.for,
      runbook: RUNBOOK.drift,
      summary: 'Input data drifted from the reference',
      subject: 'The share of drifted features on {{ $labels.instance }}',
      levels: pair(book.driftShare),
    },
    // The market-maker guide's model_drift row (0.1 / 0.2) on the distance scores: the PSI rule of thumb
    // (0.1 moderate, 0.2 significant shift). p-values are left out: they are not scores on that scale.
    {
      group,
      alert: 'ModelDrift',
      signal: driftDistance(`${prefix}_feature_drift_score`, methods, `${prefix}_feature_drift_detected`),
      for: t.model_drift_score.for,
      runbook: RUNBOOK.drift,
      summary: 'Feature drift score is high',
      subject: `Largest drift distance (${methods.join(', ')}) of feature {{ $labels.feature }}`,
      levels: pair(book.modelDrift),
    },
    // The market-maker guide's model_drift row as it is named there, "prediction drift score": the model's
    // outputs (predicted-class shares, confidence) against the reference's, one series per engine, apart
    // from the features' drift above (monitor/prediction-drift).
    {
      group,
      alert: 'PredictionDrift',
      // A PSI, not a ratio: unbounded above, and printed as the number it is.
      signal: { ...gauge(`${prefix}_prediction_drift_score`, {}, 'plain'), range: UNBOUNDED },
      for: t.model_drift_score.for,
      runbook: RUNBOOK.drift,
      summary: 'Prediction drift score is high',
      subject: "Drift of the model's outputs against the reference on {{ $labels.instance }}",
      levels: pair(book.predictionDrift),
    },
  ];
}

/** LowModelAccuracy, ModelPerformanceDegraded and LowSpreadCompliance. */
export function model(config: Config): Family[] {
  const { performance, thresholds: t, metrics } = config;
  const book = levelBook(config);
  const prefix = metrics.prefix;
  const group = 'market_master_model';
  const accuracy = gauge(`${prefix}_model_accuracy`, { model: 'default' });
  return [
    {
      group,
      alert: 'LowModelAccuracy',
      signal: accuracy,
      for: t.model_accuracy.for,
      runbook: RUNBOOK.performance,
      summary: 'Model accuracy is low',
      subject: 'Accuracy of model {{ $labels.model }}',
      levels: pair(book.accuracy),
    },
    // The guide's PerformanceMonitor: warning above 5 % degradation, degraded above 10 %; 10m as its rule.
    {
      group,
      alert: 'ModelPerformanceDegraded',
      signal: gauge(`${prefix}_model_degradation_ratio`, { model: 'default' }),
      for: performance.degradation_for,
      runbook: RUNBOOK.performance,
      summary: 'Model performance has degraded against the reference',
      subject: 'Accuracy degradation of model {{ $labels.model }} against its baseline',
      levels: pair(book.degradation, { signal: 'degradation' }),
    },
    // The guide's own rule: market_master_model_accuracy < 0.6 (PERFORMANCE_THRESHOLD) for 10m, critical.
    {
      group,
      alert: 'ModelPerformanceDegraded',
      signal: accuracy,
      for: performance.degradation_for,
      runbook: RUNBOOK.performance,
      summary: 'Model performance has degraded',
      subject: 'Accuracy of model {{ $labels.model }}',
      levels: pair(book.accuracyFloor, { signal: 'accuracy' }).filter((l) => l.severity === 'critical'),
    },
    {
      group,
      alert: 'LowSpreadCompliance',
      signal: gauge(`${prefix}_spread_compliance_ratio`),
      for: t.spread_compliance_ratio.for,
      runbook: RUNBOOK.performance,
      summary: 'Quoted spreads break their limits',
      subject: 'The share of spreads within their limit on {{ $labels.instance }}',
      levels: pair(book.spread),
    },
  ];
}
