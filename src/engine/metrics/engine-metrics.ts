/** The engine's Prometheus registry: every metric of DESIGN.md "Metric names", and how the engine feeds it. */
import { Registry } from 'prom-client';
import { readNetworkCounters, type SystemSnapshot } from '../system/index.js';
import { registerDefaultMetrics } from './default-metrics.js';
import { createEvaluationMetrics } from './evaluation-metrics.js';
import { type MetricNames, metricNames } from './names.js';
import { createPredictionMetrics, type PredictionMetrics } from './prediction-metrics.js';
import { createSystemMetrics, type NetworkReader } from './system-metrics.js';
import type { EvaluationInput } from './types.js';

/** How to build the registry. */
export interface EngineMetricsOptions {
  /** config.metrics.prefix, e.g. 'market_master'. */
  prefix: string;
  /** Register into this registry instead of a new one. */
  registry?: Registry;
  /** Add prom-client's process_* and nodejs_* metrics. Default true; off when the registry already has them. */
  defaultMetrics?: boolean;
  /** The network counters' source at scrape time. Default /proc/net/dev; null falls back to the snapshot's. */
  readNetwork?: NetworkReader;
}

/** The engine's metrics. */
export interface EngineMetrics extends PredictionMetrics {
  readonly registry: Registry;
  /** The Content-Type of metricsText(): Prometheus text format 0.0.4. */
  readonly contentType: string;
  readonly names: MetricNames;
  /** Writes one evaluation; whatever it does not mention (a feature, model, alert) is removed. */
  setEvaluation(report: EvaluationInput): void;
  /** Writes a host snapshot alone, for an engine that samples the host more often than it evaluates. */
  setSystem(snapshot: SystemSnapshot | null): void;
  /** The /metrics body. */
  metricsText(): Promise<string>;
}

/** Creates the registry with every engine metric under `prefix`. Throws RangeError on a malformed prefix. */
export function createEngineMetrics(options: EngineMetricsOptions): EngineMetrics {
  const names = metricNames(options.prefix);
  const registry = options.registry ?? new Registry();
  if (options.defaultMetrics ?? true) registerDefaultMetrics(registry);
  const predictions = createPredictionMetrics(registry, names);
  const writeEvaluation = createEvaluationMetrics(registry, names);
  const setSystem = createSystemMetrics(
    registry,
    names,
    options.readNetwork ?? (() => readNetworkCounters()),
  );
  return {
    ...predictions,
    registry,
    contentType: registry.contentType,
    names,
    setEvaluation(report) {
      writeEvaluation(report);
      predictions.setQueueUtilization(report.queueUtilization ?? null);
      setSystem(report.system);
    },
    setSystem,
    metricsText: () => registry.metrics(),
  };
}
