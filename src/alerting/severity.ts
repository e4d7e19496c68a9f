/** Severity of one sample against a rule's two levels. */
import type { AlertRule, Severity } from './types.js';

/** Critical first, then warning: the order to list and compare severities in. */
export const SEVERITIES: readonly Severity[] = ['critical', 'warning'];

function crosses(
  value: number,
  level: number,
  direction: AlertRule['direction'],
  inclusive: boolean,
): boolean {
  if (direction === 'above') return inclusive ? value >= level : value > level;
  return inclusive ? value <= level : value < level;
}

/**
 * The severity of `value` under `rule`, or null when neither level is crossed.
 * null and NaN are "no data": like a PromQL comparison, NaN never matches. +/-Infinity compares normally.
 */
export function severityOf(value: number | null, rule: AlertRule): Severity | null {
  if (value === null || Number.isNaN(value)) return null;
  if (crosses(value, rule.critical, rule.direction, rule.inclusive?.critical === true)) return 'critical';
  if (crosses(value, rule.warning, rule.direction, rule.inclusive?.warning === true)) return 'warning';
  return null;
}
