/** Test builders: a rule, and a notice from real state-machine events. */
import { type AlertRule, groupNotices, type Notice, step } from '../../../src/alerting/index.js';

export const MIN = 60_000;
export const T0 = Date.UTC(2024, 0, 2, 9, 0, 0);

/** A latency-like rule: warning above 0.1, critical above 0.25, for 5m. */
export function latencyRule(over: Partial<AlertRule> = {}): AlertRule {
  return {
    name: 'HighPredictionLatency',
    metric: 'prediction_latency_p95_seconds',
    warning: 0.1,
    critical: 0.25,
    direction: 'above',
    forSeconds: 300,
    summary: 'p95 prediction latency is high',
    description: 'prediction_latency_p95_seconds > 0.1 (warning), > 0.25 (critical), for 5m',
    runbook: 'high-latency',
    ...over,
  };
}

/** A firing notice for one alert, produced by the real state machine (for: 0). */
export function firingNotice(value = 0.3, over: Partial<AlertRule> = {}): Notice {
  const { events } = step(undefined, { value }, latencyRule({ forSeconds: 0, ...over }), T0);
  const [notice] = groupNotices(events);
  if (!notice) throw new Error('expected a notice');
  return notice;
}
