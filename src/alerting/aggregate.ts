/**
 * The market-maker guide's "Alert aggregation": count events by labels over a sliding window and
 * raise ONE grouped alert per group that reaches the threshold, instead of one notice per error.
 *
 *   aggregation_rules:
 *     - { name: prediction_errors, window: 5m, threshold: 10, group_by: ['error_type'] }
 */
import { type Config, formatDuration, parseDuration } from '../config/index.js';
import type { RuleInput } from './evaluate.js';
import { RUNBOOK } from './keys.js';
import type { AlertRule } from './types.js';

/** One aggregation rule from config alerting.aggregation. */
export type AggregationRule = Config['alerting']['aggregation'][number];

/** One counted event, e.g. a failed prediction with labels {error_type: 'timeout'}. */
export interface LabeledEvent {
  /** Epoch ms. */
  ts: number;
  labels: Readonly<Record<string, string | null | undefined>>;
}

/** A group that reached the threshold within the window. */
export interface GroupedAlert {
  /** The alert name, e.g. PredictionErrorBurst. */
  name: string;
  /** The aggregation rule's name, e.g. prediction_errors. */
  aggregation: string;
  /** The group_by labels; a missing label is '' as in Prometheus. */
  labels: Record<string, string>;
  count: number;
  threshold: number;
  windowSeconds: number;
}

// Names for the aggregations we know; any other gets PascalCase(name) + 'Burst'.
const BURST_NAMES: Readonly<Record<string, string>> = { prediction_errors: 'PredictionErrorBurst' };
const BURST_RUNBOOKS: Readonly<Record<string, string>> = { prediction_errors: RUNBOOK.errors };

/** The alert name an aggregation raises: prediction_errors -> PredictionErrorBurst. */
export function burstAlertName(aggregation: string): string {
  const known = BURST_NAMES[aggregation];
  if (known !== undefined) return known;
  const pascal = aggregation
    .split(/[^a-zA-Z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return `${pascal}Burst`;
}

/**
 * Counts the events in the window (now - window, now] by the rule's group_by labels and returns the
 * groups whose count is >= threshold, sorted by labels. Events after `now` are not counted yet.
 */
export function aggregateCounts(
  events: readonly LabeledEvent[],
  rule: AggregationRule,
  now: number,
): GroupedAlert[] {
  const windowSeconds = parseDuration(rule.window);
  const from = now - windowSeconds * 1000;
  const groups = new Map<string, { labels: Record<string, string>; count: number }>();
  for (const e of events) {
    if (!(e.ts > from && e.ts <= now)) continue;
    const labels = Object.fromEntries(rule.group_by.map((l) => [l, e.labels[l] ?? '']));
    const key = JSON.stringify(rule.group_by.map((l) => labels[l]));
    const g = groups.get(key);
    if (g) g.count += 1;
    else groups.set(key, { labels, count: 1 });
  }
  const name = burstAlertName(rule.name);
  return [...groups.entries()]
    .filter(([, g]) => g.count >= rule.threshold)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, g]) => ({
      name,
      aggregation: rule.name,
      labels: g.labels,
      count: g.count,
      threshold: rule.threshold,
      windowSeconds,
    }));
}

/** The alert rule for one group: warning at count >= threshold, fires at once (the window is the `for`). */
export function burstRule(group: GroupedAlert): AlertRule {
  const labelText = Object.entries(group.labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return {
    name: group.name,
    metric: `${group.aggregation}_count`,
    labels: group.labels,
    // Warning only: the guide gives one level, and HighErrorRatio already pages critical on the ratio.
    warning: group.threshold,
    critical: Number.POSITIVE_INFINITY,
    direction: 'above',
    inclusive: { warning: true },
    forSeconds: 0,
    summary: `Burst of ${group.aggregation.replaceAll('_', ' ')}${labelText ? ` (${labelText})` : ''}`,
    description: `${group.aggregation} >= ${group.threshold} within ${formatDuration(group.windowSeconds)}, by ${Object.keys(group.labels).join(', ') || 'nothing'}`,
    runbook: BURST_RUNBOOKS[group.aggregation] ?? RUNBOOK.errors,
  };
}

/**
 * Inputs for evaluate(): one per triggered group, valued by its count. A group that drops below the
 * threshold is simply absent next time, and evaluate() resolves it.
 */
export function burstInputs(groups: readonly GroupedAlert[]): RuleInput[] {
  return groups.map((g) => ({ rule: burstRule(g), value: g.count }));
}
