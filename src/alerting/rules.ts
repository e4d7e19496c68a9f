/** The engine's alert rules, built from the config: both guides' thresholds, one rule each. */
import { type Config, parseDuration, THRESHOLD_NAMES, type ThresholdName } from '../config/index.js';
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
//   ModelDrift, DataDriftDetected -> data-drift.   DataQualityDegraded -> data-quality.
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
  model_drift_score: ['ModelDrift', METRIC.modelDrift, 'drift', 'Prediction drift score is high'],
};

/** Builds every rule the engine evaluates, in a stable order; names plus labels are unique. */
export function rulesFromConfig(config: Config): AlertRule[] {
  const table = THRESHOLD_NAMES.map((threshold) => {
    const [name, metric, runbook, summary] = TABLE[threshold];
    const t = config.thresholds[threshold];
    const levels = { warning: t.warning, critical: t.critical, direction: t.direction, for: t.for };
    return build({ name, metric, runbook: RUNBOOK[runbook], summary, ...levels });
  });
  return [...table, ...masterRules(config)];
}

// The market-master guide's check_alerts and Prometheus rules, with a critical level each.
function masterRules(config: Config): AlertRule[] {
  const { quality, drift, performance, system, thresholds } = config;
  // The guide's "system health issues detected" has one level per resource (cpu 80 %, memory 85 %);
  // the critical level is the market-maker table's for the same resource, never below the warning.
  const health = (resource: 'cpu' | 'memory', percent: number, t: Config['thresholds'][ThresholdName]) =>
    build({
      name: 'SystemHealthDegraded',
      metric: resource === 'cpu' ? METRIC.cpuUtilization : METRIC.memoryUtilization,
      warning: percent / 100,
      critical: Math.max(percent / 100, t.critical),
      direction: 'above',
      for: t.for,
      labels: { resource },
      summary: `System health degraded: ${resource} utilization is high`,
      runbook: RUNBOOK.resources,
    });
  return [
    build({
      name: 'DataQualityDegraded',
      metric: METRIC.qualityScore,
      warning: quality.min_score,
      critical: quality.critical_score,
      direction: 'below',
      for: quality.for,
      summary: 'Data quality score is below threshold',
      runbook: RUNBOOK.quality,
    }),
    // Warn from drift.warning_share of the columns (one column alone drifts by chance too often to page
    // anyone); critical when Evidently would call the whole dataset drifted: share >= drift.dataset_share.
    build({
      name: 'DataDriftDetected',
      metric: METRIC.driftShare,
      warning: drift.warning_share,
      critical: drift.dataset_share,
      direction: 'above',
      inclusive: { warning: true, critical: true },
      for: drift.for,
      summary: 'Input data drifted from the reference',
      runbook: RUNBOOK.drift,
    }),
    // The guide's PerformanceMonitor: "warning" above 5 % average degradation, "degraded" above 10 %;
    // for 10m as its ModelPerformanceDegraded Prometheus rule.
    build({
      name: 'ModelPerformanceDegraded',
      metric: METRIC.degradation,
      warning: performance.degradation.warning,
      critical: performance.degradation.critical,
      direction: 'above',
      for: performance.degradation_for,
      summary: 'Model performance has degraded against the reference',
      runbook: RUNBOOK.performance,
    }),
    health('cpu', system.cpu_percent, thresholds.cpu_utilization_ratio),
    health('memory', system.memory_percent, thresholds.memory_utilization_ratio),
  ];
}

type Spec = Omit<AlertRule, 'forSeconds' | 'description'> & { for: string };

function build({ for: forText, ...spec }: Spec): AlertRule {
  return { ...spec, forSeconds: parseDuration(forText), description: describe(spec, forText) };
}

/** "prediction_latency_p95_seconds > 0.1 (warning), > 0.25 (critical), for 5m". */
function describe(
  r: Omit<AlertRule, 'forSeconds' | 'description' | 'summary' | 'runbook'>,
  forText: string,
): string {
  const op = (inclusive: boolean | undefined) =>
    (r.direction === 'above' ? '>' : '<') + (inclusive ? '=' : '');
  const w = `${op(r.inclusive?.warning)} ${r.warning} (warning)`;
  const c = `${op(r.inclusive?.critical)} ${r.critical} (critical)`;
  return `${r.metric} ${w}, ${c}, for ${forText}`;
}
