/**
 * Every Prometheus alert rule, built from the config: the same alert names and runbook ids as the
 * engine's own rules (rules.ts), so the console merges both sources. Each threshold alert has a warning
 * and a critical rule with the same name; the critical level is the more severe one.
 */
import type { Config } from '../../config/index.js';
import { RUNBOOK } from '../keys.js';
import type { Severity } from '../types.js';
import { formatValue, VALUE_FORMATS } from './go-format.js';
import { RATE_WINDOW } from './recording-rules.js';
import type { Labels } from './series-notation.js';
import {
  dcgmGpu,
  driftDistance,
  errorRatio,
  gauge,
  latencyP95,
  nodeCpu,
  nodeDisk,
  nodeMemory,
  type Signal,
  TARGETS,
  targetAbsent,
  throughput,
  up,
} from './signals.js';

/** A comparison of a signal with a level. */
export type Op = '>' | '<' | '>=' | '<=' | '==';

/** One alerting rule. */
export interface AlertSpec {
  /** The rule group it belongs to. */
  group: string;
  alert: string;
  severity: Severity;
  signal: Signal;
  op: Op;
  level: number;
  /** Prometheus duration. */
  for: string;
  /** Static labels besides severity (to tell apart rules of one name and severity). */
  labels: Labels;
  summary: string;
  /** Go template; prints `$value`. */
  description: string;
  /** Runbook id: runbooks/<id>.md. */
  runbook: string;
}

/**
 * The engine's latency histogram buckets, seconds (engine/metrics LATENCY_BUCKETS; the alerting room may
 * not import the engine, so test/prometheus asserts the two lists are equal). 0.1 and 0.25 are buckets.
 */
export const DEFAULT_LATENCY_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10,
] as const;

/** How the rules are built. */
export interface SpecOptions {
  /** Latency histogram buckets the generated tests place observations in; DEFAULT_LATENCY_BUCKETS by default. */
  latencyBuckets?: readonly number[];
  /** Replaces every `for` (a test stack that must fire in seconds). */
  forOverride?: string;
  /** The engine's scrape job name. */
  engineJob?: string;
}

/** The runbook of the availability alerts: no guide procedure covers a dead exporter. */
export const AVAILABILITY_RUNBOOK = 'engine-down';

const OP_WORDS: Record<Op, string> = {
  '>': 'above',
  '<': 'below',
  '>=': 'at or above',
  '<=': 'at or below',
  '==': 'at',
};

type Level = { severity: Severity; op: Op; level: number; labels?: Labels };
type Family = {
  group: string;
  alert: string;
  signal: Signal;
  for: string;
  runbook: string;
  summary: string;
  /** What is measured, for the description: "p95 prediction latency of job {{ $labels.job }}". */
  subject: string;
  levels: Level[];
  /** A description of its own, given the `for` text; otherwise one is built from subject and level. */
  description?: (forText: string) => string;
};

/** Warning and critical levels of one config row, compared the row's way. */
function pair(t: { warning: number; critical: number; direction: 'above' | 'below' }): Level[] {
  const op = t.direction === 'above' ? '>' : '<';
  return [
    { severity: 'warning', op, level: t.warning },
    { severity: 'critical', op, level: t.critical },
  ];
}

/** Builds every alert rule in a stable order: groups, then the config's order, warning before critical. */
export function alertSpecs(config: Config, opts: SpecOptions): AlertSpec[] {
  const job = opts.engineJob ?? TARGETS.engine.job;
  const families = [
    ...availability(job),
    ...operations(config, opts, job),
    ...data(config),
    ...model(config),
  ];
  families.push(...resources(config));
  return families.flatMap((f) => {
    const forText = opts.forOverride ?? f.for;
    return f.levels.map((l) => ({
      group: f.group,
      alert: f.alert,
      severity: l.severity,
      signal: f.signal,
      op: l.op,
      level: l.level,
      for: forText,
      labels: l.labels ?? {},
      summary: f.summary,
      description: f.description
        ? f.description(forText)
        : `${f.subject} is {{ ${VALUE_FORMATS[f.signal.format]} }}, ${OP_WORDS[l.op]} the ${l.severity} ` +
          `level of ${formatValue(l.level, f.signal.format)} for ${forText}.`,
      runbook: f.runbook,
    }));
  });
}

function availability(job: string): Family[] {
  const group = 'market_master_availability';
  const base = { group, for: '1m', runbook: AVAILABILITY_RUNBOOK, subject: '' };
  return [
    {
      ...base,
      alert: 'EngineDown',
      signal: up(job),
      summary: 'The monitoring engine is down or unreachable',
      description: (d) =>
        `Prometheus has failed to scrape {{ $labels.instance }} (job {{ $labels.job }}) for ${d}: ` +
        'up = {{ $value }}. Every engine metric and alert is stale until it is back.',
      levels: [{ severity: 'critical', op: '==', level: 0 }],
    },
    {
      ...base,
      alert: 'EngineTargetMissing',
      signal: targetAbsent(job),
      summary: 'Prometheus has no engine target to scrape',
      description: (d) =>
        `Prometheus has had no target in job {{ $labels.job }} for ${d} (absent = {{ $value }}): the ` +
        'configuration or service discovery lost the engine, so nothing about the model service is monitored.',
      levels: [{ severity: 'critical', op: '==', level: 1 }],
    },
  ];
}

function operations(config: Config, opts: SpecOptions, job: string): Family[] {
  const { thresholds: t, metrics } = config;
  const prefix = metrics.prefix;
  const group = 'market_master_operations';
  const latency = t.prediction_latency_seconds;
  // The market-master guide's single LATENCY_THRESHOLD (1000 ms) is folded into the critical level: the
  // stricter of the two pages. A separate p95 > 1 s rule would only ever fire after this critical one.
  const ceiling = config.latency.threshold_ms / 1000;
  const latencyLevels = pair(latency).map((l) =>
    l.severity === 'critical' ? { ...l, level: Math.min(l.level, Math.max(ceiling, latency.warning)) } : l,
  );
  return [
    {
      group,
      alert: 'HighPredictionLatency',
      signal: latencyP95(prefix, opts.latencyBuckets ?? DEFAULT_LATENCY_BUCKETS),
      for: latency.for,
      runbook: RUNBOOK.latency,
      summary: 'p95 prediction latency is high',
      subject: `p95 prediction latency of {{ $labels.job }} over ${RATE_WINDOW}`,
      levels: latencyLevels,
    },
    {
      group,
      alert: 'LowThroughput',
      signal: throughput(prefix, job),
      for: t.prediction_throughput_per_second.for,
      runbook: RUNBOOK.latency,
      summary: 'Prediction throughput is low',
      subject: `Prediction throughput of {{ $labels.job }} over ${RATE_WINDOW} (per second)`,
      levels: pair(t.prediction_throughput_per_second),
    },
    {
      group,
      alert: 'HighErrorRatio',
      signal: errorRatio(prefix),
      for: t.error_ratio.for,
      runbook: RUNBOOK.errors,
      summary: 'Prediction error ratio is high',
      subject: `The share of failed predictions of {{ $labels.job }} over ${RATE_WINDOW}`,
      levels: pair(t.error_ratio),
    },
    {
      group,
      alert: 'HighQueueUtilization',
      signal: gauge(`${prefix}_prediction_queue_utilization_ratio`),
      for: t.queue_utilization_ratio.for,
      runbook: RUNBOOK.latency,
      summary: 'Prediction queue is filling up',
      subject: 'Prediction queue utilization on {{ $labels.instance }}',
      levels: pair(t.queue_utilization_ratio),
    },
  ];
}

function data(config: Config): Family[] {
  const { quality, drift, thresholds: t, metrics } = config;
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
      levels: [
        { severity: 'warning', op: '<', level: quality.min_score },
        { severity: 'critical', op: '<', level: quality.critical_score },
      ],
    },
    // Warning: a feature drifted by its own test (p <= alpha, or distance >= its threshold), one alert per
    // feature; the same signal as the engine's "share > 0" warning, but it names the feature.
    // Critical: Evidently's dataset drift, share of drifted features >= drift.dataset_share.
    {
      group,
      alert: 'DataDriftDetected',
      signal: gauge(`${prefix}_feature_drift_detected`, { feature: 'close' }, 'plain'),
      for: drift.for,
      runbook: RUNBOOK.drift,
      summary: 'Input data drifted from the reference',
      subject: '',
      description: (d) =>
        'Feature {{ $labels.feature }} has drifted from the reference for ' +
        `${d} (drift_detected = {{ $value }}: its test p-value <= alpha, or its distance >= its threshold).`,
      levels: [{ severity: 'warning', op: '==', level: 1 }],
    },
    {
      group,
      alert: 'DataDriftDetected',
      signal: gauge(`${prefix}_dataset_drift_share_ratio`),
      for: drift.for,
      runbook: RUNBOOK.drift,
      summary: 'Input data drifted from the reference',
      subject: 'The share of drifted features on {{ $labels.instance }}',
      levels: [{ severity: 'critical', op: '>=', level: drift.dataset_share }],
    },
    // The market-maker guide's model_drift row (0.1 / 0.2) on the distance scores: the PSI rule of thumb
    // (0.1 moderate, 0.2 significant shift). p-values are left out: they are not scores on that scale.
    {
      group,
      alert: 'ModelDrift',
      signal: driftDistance(`${prefix}_feature_drift_score`, methods),
      for: t.model_drift_score.for,
      runbook: RUNBOOK.drift,
      summary: 'Feature drift score is high',
      subject: `Largest drift distance (${methods.join(', ')}) of feature {{ $labels.feature }}`,
      levels: pair(t.model_drift_score),
    },
  ];
}

function model(config: Config): Family[] {
  const { performance, thresholds: t, metrics } = config;
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
      levels: pair(t.model_accuracy),
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
      levels: [
        {
          severity: 'warning',
          op: '>',
          level: performance.degradation.warning,
          labels: { signal: 'degradation' },
        },
        {
          severity: 'critical',
          op: '>',
          level: performance.degradation.critical,
          labels: { signal: 'degradation' },
        },
      ],
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
      levels: [
        { severity: 'critical', op: '<', level: performance.min_accuracy, labels: { signal: 'accuracy' } },
      ],
    },
    {
      group,
      alert: 'LowSpreadCompliance',
      signal: gauge(`${prefix}_spread_compliance_ratio`),
      for: t.spread_compliance_ratio.for,
      runbook: RUNBOOK.performance,
      summary: 'Quoted spreads break their limits',
      subject: 'The share of spreads within their limit on {{ $labels.instance }}',
      levels: pair(t.spread_compliance_ratio),
    },
  ];
}

function resources(config: Config): Family[] {
  const { thresholds: t, system, metrics } = config;
  const prefix = metrics.prefix;
  const group = 'market_master_resources';
  const both = (
    alert: string,
    what: string,
    row: (typeof t)['cpu_utilization_ratio'],
    host: Signal,
    hostSource: string,
    engineSuffix: string,
  ): Family[] => {
    // `source` tells the host exporter's rule from the engine's own gauge (same name and severity).
    const base = { group, alert, for: row.for, runbook: RUNBOOK.resources };
    const levels = (source: string) => pair(row).map((l) => ({ ...l, labels: { source } }));
    return [
      {
        ...base,
        signal: host,
        levels: levels(hostSource),
        summary: `${what} utilization is high`,
        subject: `${what} utilization of {{ $labels.instance }}`,
      },
      {
        ...base,
        signal: gauge(`${prefix}_${engineSuffix}`),
        levels: levels('engine'),
        summary: `${what} utilization is high`,
        subject: `${what} utilization seen by the engine on {{ $labels.instance }}`,
      },
    ];
  };
  // The market-master guide's "system health issues detected": cpu 80 %, memory 85 %; critical at the
  // market-maker row's level, never below the warning (as the engine's SystemHealthDegraded).
  const health = (
    resource: 'cpu' | 'memory',
    percent: number,
    row: (typeof t)['cpu_utilization_ratio'],
  ): Family => ({
    group,
    alert: 'SystemHealthDegraded',
    signal: gauge(`${prefix}_system_${resource}_utilization_ratio`),
    for: row.for,
    runbook: RUNBOOK.resources,
    summary: `System health degraded: ${resource} utilization is high`,
    subject: `${resource} utilization seen by the engine on {{ $labels.instance }}`,
    levels: [
      { severity: 'warning', op: '>', level: percent / 100, labels: { resource } },
      { severity: 'critical', op: '>', level: Math.max(percent / 100, row.critical), labels: { resource } },
    ],
  });
  return [
    ...both(
      'HighCpuUtilization',
      'CPU',
      t.cpu_utilization_ratio,
      nodeCpu(),
      'node-exporter',
      'system_cpu_utilization_ratio',
    ),
    ...both(
      'HighMemoryUtilization',
      'Memory',
      t.memory_utilization_ratio,
      nodeMemory(),
      'node-exporter',
      'system_memory_utilization_ratio',
    ),
    ...both(
      'HighDiskUtilization',
      'Disk',
      t.disk_utilization_ratio,
      nodeDisk(),
      'node-exporter',
      'system_disk_utilization_ratio',
    ),
    // Both GPU sources exist only on a host with a GPU: no series, no alert (never a false 0 %).
    ...both(
      'HighGpuUtilization',
      'GPU',
      t.gpu_utilization_ratio,
      dcgmGpu(),
      'dcgm',
      'system_gpu_utilization_ratio',
    ),
    health('cpu', system.cpu_percent, t.cpu_utilization_ratio),
    health('memory', system.memory_percent, t.memory_utilization_ratio),
  ];
}
