/** The engine's Prometheus metrics: registry, names and the inputs the engine feeds them. */
export { LINT_FAILING_DEFAULTS, registerDefaultMetrics } from './default-metrics.js';
export { createEngineMetrics, type EngineMetrics, type EngineMetricsOptions } from './engine-metrics.js';
export { LATENCY_BUCKETS, type MetricNames, metricNames } from './names.js';
export type { PredictionMetrics } from './prediction-metrics.js';
export type { NetworkReader } from './system-metrics.js';
export type {
  AlertInput,
  DriftColumnInput,
  DriftInput,
  EvaluationInput,
  ModelPerformanceInput,
  PredictionColumns,
  PredictionObservation,
  QualityInput,
} from './types.js';
