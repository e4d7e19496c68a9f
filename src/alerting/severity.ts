/** Severity of one sample against a rule's two levels: the one level judge, in the alerting vocabulary. */
import { judge } from '../monitor/index.js';
import type { AlertRule, Severity } from './types.js';

/** Critical first, then warning: the order to list and compare severities in. */
export const SEVERITIES: readonly Severity[] = ['critical', 'warning'];

/**
 * The severity of `value` under `rule` (monitor's judge), or null when neither level is crossed or there
 * is no value: like a PromQL comparison, NaN and null never match, so no alert starts on them.
 */
export function severityOf(value: number | null, rule: AlertRule): Severity | null {
  const state = judge(value, rule);
  return state === 'warning' || state === 'critical' ? state : null;
}
