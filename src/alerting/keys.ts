/** The names the rules share with the engine and the runbooks: value keys and runbook ids. */

/** The evaluation value keys the rules read; the engine fills these every evaluation (null = no data). */
export const METRIC = {
  /** p95 over the window, the DESIGN.md fix of the guide's average prediction_latency_ms. */
  latencyP95: 'prediction_latency_p95_seconds',
  throughput: 'prediction_throughput_per_second',
  errorRatio: 'prediction_error_ratio',
  queueUtilization: 'prediction_queue_utilization_ratio',
  memoryUtilization: 'system_memory_utilization_ratio',
  cpuUtilization: 'system_cpu_utilization_ratio',
  /** null when the host has no GPU, so HighGpuUtilization never fires there. */
  gpuUtilization: 'system_gpu_utilization_ratio',
  diskUtilization: 'system_disk_utilization_ratio',
  modelAccuracy: 'model_accuracy',
  spreadCompliance: 'spread_compliance_ratio',
  /** The drift of the model's outputs against the reference (monitor/prediction-drift), not of its features. */
  predictionDrift: 'prediction_drift_score',
  qualityScore: 'data_quality_score',
  driftShare: 'dataset_drift_share_ratio',
  degradation: 'model_degradation_ratio',
} as const;

/** The runbook ids of runbooks/<id>.md that the alerts point to. */
export const RUNBOOK = {
  latency: 'high-latency',
  errors: 'high-error-rate',
  resources: 'resource-constraints',
  drift: 'data-drift',
  quality: 'data-quality',
  performance: 'model-performance',
  /** NotificationsFailing: the engine's delivery queue (issue 17). */
  notifications: 'notification-delivery',
  store: 'store-lagging',
} as const;

/** The troubleshooting runbooks: the market-maker guide's three areas (metric collection, dashboards, alerts). */
export const TROUBLESHOOT = {
  metrics: 'troubleshoot-metrics',
  dashboards: 'troubleshoot-dashboards',
  alerts: 'troubleshoot-alerts',
} as const;
