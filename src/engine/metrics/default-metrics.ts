/** prom-client's default process_* and nodejs_* metrics, minus the three that fail promtool's lint. */
import { collectDefaultMetrics, type Registry } from 'prom-client';

/**
 * Gauges that prom-client 15 names with a `_total` suffix, which `promtool check metrics` rejects
 * ("non-counter metrics should not have _total suffix"). Each is the sum of a labelled sibling that stays
 * (`nodejs_active_handles{type}` and so on), so `sum(nodejs_active_handles)` gives the same number.
 */
export const LINT_FAILING_DEFAULTS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
] as const;

/** Registers the default metrics, unprefixed (standard names, so stock dashboards work), on `registry`. */
export function registerDefaultMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry });
  for (const name of LINT_FAILING_DEFAULTS) registry.removeSingleMetric(name);
}
