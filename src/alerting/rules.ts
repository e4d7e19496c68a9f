/** The engine's alert rules, built from the config: both guides' thresholds, one rule each. */
import { type Config, THRESHOLD_NAMES, type ThresholdName } from '../config/index.js';
import { type Level, type LevelBook, type LevelName, levelBook, levelOp } from '../monitor/index.js';
import { METRIC, RUNBOOK } from './keys.js';
import type { AlertRule } from './types.js';

// One rule per market-maker table row: [alert name, value key, runbook, summary].
// Runbook mapping (the market-maker guide has three alert procedures, the market-master guide adds
// quality, drift and performance):
//   HighPredictionLatency, LowThroughput, HighQueueUtilization -> high-latency: a slow or backed-up
//     prediction path; the guide's High Latency procedure checks resources and request volume.
//   HighErrorRatio (and PredictionErrorBurst, aggregate.ts) -> high-error-rate.
//   High{Memory,Cpu,Gpu,Disk}Utilization, SystemHealthDegraded -> resource-constraints.
//   LowModelAccuracy, LowSpreadCompliance, ModelPerformanceDegraded -> model-performance.
//   PredictionDrift, DataDriftDetected (and Prometheus' per-feature ModelDrift) -> data-drift.
//   DataQualityDegraded -> data-quality.
// biome-ignore format: a table reads best one row a line
const TABLE: Record<ThresholdName, [string, string, keyof typeof RUNBOOK, string]> = {
  prediction_latency_seconds: ['HighPredictionLatency', METRIC.latencyP95, 'latency', 'p95 prediction latency is high'],
  prediction_throughput_per_second: ['LowThroughput', METRIC.throughput, 'latency', 'Prediction throughput is low'],
  error_ratio: ['HighErrorRatio', METRIC.errorRatio, 'errors', 'Prediction error ratio is high'],
  queue_utilization_ratio: ['HighQueueUtilization', METRIC.queueUtilization, 'latency', 'Prediction queue is filling up'],
  memory_utilization_ratio: ['HighMemoryUtilization', METRIC.memoryUtilization, 'resources', 'Memory utilization is high'],
  cpu_utilization_ratio: ['HighCpuUtilization', METRIC.cpuUtilization, 'resources', 'CPU utilization is high'],
  gpu_utilization_ratio: ['HighGpuUtilization', METRIC.gpuUtilization, 'resources', 'GPU utilization is high'],
  disk_utilization_ratio: ['HighDiskUtilization', METRIC.diskUtilization, 'resources', 'Disk utilization is high'],
  model_accuracy: ['LowModelAccuracy', METRIC.modelAccuracy, 'performance', 'Model accuracy is low'],
  spread_compliance_ratio: ['LowSpreadCompliance', METRIC.spreadCompliance, 'performance', 'Quoted spreads break their limits'],
  model_drift_score: ['PredictionDrift', METRIC.predictionDrift, 'drift', 'Prediction drift score is high'],
};

// Which level of the book each market-maker row alerts on.
const BOOK: Record<ThresholdName, LevelName> = {
  prediction_latency_seconds: 'latency',
  prediction_throughput_per_second: 'throughput',
  error_ratio: 'errors',
  queue_utilization_ratio: 'queue',
  memory_utilization_ratio: 'memory',
  cpu_utilization_ratio: 'cpu',
  gpu_utilization_ratio: 'gpu',
  disk_utilization_ratio: 'disk',
  model_accuracy: 'accuracy',
  spread_compliance_ratio: 'spread',
  model_drift_score: 'predictionDrift',
};

/** Builds every rule the engine evaluates, in a stable order; names plus labels are unique. */
export function rulesFromConfig(config: Config): AlertRule[] {
  const book = levelBook(config);
  const table = THRESHOLD_NAMES.map((threshold) => {
    const [name, metric, runbook, summary] = TABLE[threshold];
    return build({ name, metric, runbook: RUNBOOK[runbook], summary }, book[BOOK[threshold]]);
  });
  return [...table, ...masterRules(book)];
}

// The market-master guide's check_alerts and Prometheus rules, with a critical level each.
function masterRules(book: LevelBook): AlertRule[] {
  // The guide's "system health issues detected" has one level per resource (cpu 80 %, memory 85 %);
  // the critical level is the market-maker table's for the same resource (the book's systemCpu/Memory).
  const health = (resource: 'cpu' | 'memory') =>
    build(
      {
        name: 'SystemHealthDegraded',
        metric: resource === 'cpu' ? METRIC.cpuUtilization : METRIC.memoryUtilization,
        labels: { resource },
        summary: `System health degraded: ${resource} utilization is high`,
        runbook: RUNBOOK.resources,
      },
      resource === 'cpu' ? book.systemCpu : book.systemMemory,
    );
  return [
    build(
      {
        name: 'DataQualityDegraded',
        metric: METRIC.qualityScore,
        summary: 'Data quality score is below threshold',
        runbook: RUNBOOK.quality,
      },
      book.quality,
    ),
    // Warn from drift.warning_share of the columns (one column alone drifts by chance too often to page
    // anyone); critical when Evidently would call the whole dataset drifted: share >= drift.dataset_share.
    build(
      {
        name: 'DataDriftDetected',
        metric: METRIC.driftShare,
        summary: 'Input data drifted from the reference',
        runbook: RUNBOOK.drift,
      },
      book.driftShare,
    ),
    // The guide's PerformanceMonitor: "warning" above 5 % average degradation, "degraded" above 10 %;
    // for 10m as its ModelPerformanceDegraded Prometheus rule.
    build(
      {
        name: 'ModelPerformanceDegraded',
        metric: METRIC.degradation,
        summary: 'Model performance has degraded against the reference',
        runbook: RUNBOOK.performance,
      },
      book.degradation,
    ),
    health('cpu'),
    health('memory'),
  ];
}

type Spec = Pick<AlertRule, 'name' | 'metric' | 'summary' | 'runbook' | 'labels'>;

function build(spec: Spec, level: Level): AlertRule {
  const { warning, critical, direction, inclusive } = level;
  const levels = { warning, critical, direction, ...(inclusive ? { inclusive } : {}) };
  return { ...spec, ...levels, forSeconds: level.forSeconds, description: describe(spec.metric, level) };
}

/** "prediction_latency_p95_seconds > 0.1 (warning), > 0.25 (critical), for 5m". */
function describe(metric: string, level: Level): string {
  const w = `${levelOp(level, 'warning')} ${level.warning} (warning)`;
  const c = `${levelOp(level, 'critical')} ${level.critical} (critical)`;
  return `${metric} ${w}, ${c}, for ${level.for}`;
}
