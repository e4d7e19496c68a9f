/**
 * The engine's metric names the console queries. They restate src/engine/metrics/names.ts (the console may
 * import engine types only); test/console/metric-names.test.ts keeps the two equal.
 */

/** The names, for a prefix (config.metrics.prefix). */
export function consoleMetricNames(prefix: string) {
  const n = (suffix: string) => `${prefix}_${suffix}`;
  return {
    predictions: n('predictions_total'),
    predictionErrors: n('prediction_errors_total'),
    predictionDuration: n('prediction_duration_seconds'),
    queueUtilization: n('prediction_queue_utilization_ratio'),
    qualityScore: n('data_quality_score'),
    missingRatio: n('data_missing_ratio'),
    duplicateRatio: n('data_duplicate_ratio'),
    outlierRatio: n('data_outlier_ratio'),
    featureDriftScore: n('feature_drift_score'),
    featureDriftDetected: n('feature_drift_detected'),
    datasetDriftShare: n('dataset_drift_share_ratio'),
    predictionDriftScore: n('prediction_drift_score'),
    predictionDriftPart: n('prediction_drift_part_score'),
    modelAccuracy: n('model_accuracy'),
    modelPrecision: n('model_precision'),
    modelRecall: n('model_recall'),
    modelF1: n('model_f1_score'),
    modelDegradation: n('model_degradation_ratio'),
    cpuUtilization: n('system_cpu_utilization_ratio'),
    memoryUtilization: n('system_memory_utilization_ratio'),
    diskUtilization: n('system_disk_utilization_ratio'),
    gpuUtilization: n('system_gpu_utilization_ratio'),
  } as const;
}

/** The names object. */
export type ConsoleMetricNames = ReturnType<typeof consoleMetricNames>;
