/** The engine's metric names (DESIGN.md "Metric names") for a prefix, and the latency buckets. */

/**
 * Latency buckets, seconds. They include 0.1 and 0.25, the market-maker guide's warning and critical
 * latency levels, so histogram_quantile is exact at the alert thresholds rather than interpolated.
 */
export const LATENCY_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10,
] as const;

const SUFFIXES = {
  predictions: 'predictions_total',
  predictionErrors: 'prediction_errors_total',
  predictionDuration: 'prediction_duration_seconds',
  queueUtilization: 'prediction_queue_utilization_ratio',
  ingestedRecords: 'ingested_records_total',
  rejectedBatches: 'rejected_batches_total',
  droppedFeatureValues: 'dropped_feature_values_total',
  qualityScore: 'data_quality_score',
  missingRatio: 'data_missing_ratio',
  duplicateRatio: 'data_duplicate_ratio',
  outlierRatio: 'data_outlier_ratio',
  featureDriftScore: 'feature_drift_score',
  featureDriftDetected: 'feature_drift_detected',
  datasetDriftShare: 'dataset_drift_share_ratio',
  // The model's outputs against the reference's, apart from the features' drift above.
  predictionDriftScore: 'prediction_drift_score',
  predictionDriftPart: 'prediction_drift_part_score',
  modelAccuracy: 'model_accuracy',
  modelPrecision: 'model_precision',
  modelRecall: 'model_recall',
  modelF1: 'model_f1_score',
  modelDegradation: 'model_degradation_ratio',
  modelBaseline: 'model_baseline_timestamp_seconds',
  spreadCompliance: 'spread_compliance_ratio',
  cpuUtilization: 'system_cpu_utilization_ratio',
  memoryUtilization: 'system_memory_utilization_ratio',
  diskUtilization: 'system_disk_utilization_ratio',
  gpuUtilization: 'system_gpu_utilization_ratio',
  load1: 'system_load1',
  load5: 'system_load5',
  load15: 'system_load15',
  networkReceive: 'system_network_receive_bytes_total',
  networkTransmit: 'system_network_transmit_bytes_total',
  alerts: 'alerts',
  evaluationDuration: 'evaluation_duration_seconds',
  lastEvaluation: 'last_evaluation_timestamp_seconds',
  notificationsPending: 'notifications_pending',
  notificationsOldestPendingAge: 'notifications_oldest_pending_age_seconds',
  notificationsSent: 'notifications_sent_total',
  notificationsFailed: 'notifications_failed_total',
  notificationsExpired: 'notifications_expired_total',
  // the prediction store (engine/store), present only when storage.database_url is set
  storeUp: 'store_up',
  storeLagRecords: 'store_lag_records',
  storeLagSeconds: 'store_lag_seconds',
  storeYielding: 'store_yielding',
  storeWritten: 'store_written_records_total',
  storeDuplicates: 'store_duplicate_records_total',
  storeSkipped: 'store_skipped_records_total',
  storeFailures: 'store_failures_total',
} as const;

/** Every engine metric's full name, by a stable key. */
export type MetricNames = { readonly [K in keyof typeof SUFFIXES]: string };

const PREFIX = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The full names for `prefix` (`market_master` gives `market_master_predictions_total`, ...). */
export function metricNames(prefix: string): MetricNames {
  if (!PREFIX.test(prefix)) {
    throw new RangeError(`metric prefix ${JSON.stringify(prefix)} must match ${PREFIX.source}`);
  }
  const entries = Object.entries(SUFFIXES).map(([key, suffix]) => [key, `${prefix}_${suffix}`]);
  return Object.fromEntries(entries) as MetricNames;
}
