/** The engine's availability and the prediction path: scrape health, latency, throughput, errors, queue. */
import type { Config } from '../../config/index.js';
import { levelBook } from '../../monitor/index.js';
import { RUNBOOK, TROUBLESHOOT } from '../keys.js';
import { type Family, pair } from './family.js';
import { latencyP95 } from './latency-signal.js';
import { errorRatio, gauge, targetAbsent, throughput, up } from './signals.js';

/**
 * The runbook of the availability alerts: the market-maker guide's metric collection troubleshooting
 * (Prometheus, its targets, collection rates), which leads on to engine-down when the engine itself is dead.
 */
export const AVAILABILITY_RUNBOOK = TROUBLESHOOT.metrics;

/** EngineDown and EngineTargetMissing: critical only, there is no milder form of a dead target. */
export function availability(job: string): Family[] {
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

/** HighPredictionLatency, LowThroughput, HighErrorRatio and HighQueueUtilization. */
export function operations(config: Config, latencyBuckets: readonly number[], job: string): Family[] {
  const { thresholds: t, metrics } = config;
  const prefix = metrics.prefix;
  const group = 'market_master_operations';
  // the level book folds the guide's LATENCY_THRESHOLD into the critical latency, as the engine does
  const book = levelBook(config);
  const RATE_WINDOW = config.alerting.rate_window;
  return [
    {
      group,
      alert: 'HighPredictionLatency',
      signal: latencyP95(prefix, latencyBuckets, RATE_WINDOW),
      for: book.latency.for,
      runbook: RUNBOOK.latency,
      summary: 'p95 prediction latency is high',
      subject: `p95 prediction latency of {{ $labels.job }} over ${RATE_WINDOW}`,
      levels: pair(book.latency),
    },
    {
      group,
      alert: 'LowThroughput',
      signal: throughput(prefix, job, RATE_WINDOW),
      for: t.prediction_throughput_per_second.for,
      runbook: RUNBOOK.latency,
      summary: 'Prediction throughput is low',
      subject: `Prediction throughput of {{ $labels.job }} over ${RATE_WINDOW} (per second)`,
      levels: pair(book.throughput),
    },
    {
      group,
      alert: 'HighErrorRatio',
      signal: errorRatio(prefix, RATE_WINDOW),
      for: t.error_ratio.for,
      runbook: RUNBOOK.errors,
      summary: 'Prediction error ratio is high',
      subject: `The share of failed predictions of {{ $labels.job }} over ${RATE_WINDOW}`,
      levels: pair(book.errors),
    },
    {
      group,
      alert: 'HighQueueUtilization',
      signal: gauge(`${prefix}_prediction_queue_utilization_ratio`),
      for: t.queue_utilization_ratio.for,
      runbook: RUNBOOK.latency,
      summary: 'Prediction queue is filling up',
      subject: 'Prediction queue utilization on {{ $labels.instance }}',
      levels: pair(book.queue),
    },
  ];
}
