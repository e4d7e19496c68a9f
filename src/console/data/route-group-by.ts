/**
 * Pure: the `group_by` of Alertmanager's top route, read from its configuration (GET /api/v2/status's
 * config.original, or the alertmanager.yml mmops ships). The console groups its alert list the same way,
 * so one group on screen is one notification on the pager.
 */
import { parse as parseYaml } from 'yaml';
import type { Grouping } from './alert-groups.js';

/**
 * The route's group_by as a grouping from `from`; null when the YAML has none. Alertmanager's special
 * `...` (group by every label) is the flat list: each alert its own group.
 */
export function routeGrouping(yamlText: string, from: string): Grouping | null {
  const doc = parseYaml(yamlText) as { route?: { group_by?: unknown } } | null;
  const by = doc?.route?.group_by;
  if (!Array.isArray(by)) return null;
  if (!by.every((x) => typeof x === 'string'))
    throw new Error(`${from}: route.group_by must be a list of label names, got ${JSON.stringify(by)}`);
  return by.includes('...') ? { by: [], from: `${from} (group_by: [...])` } : { by: by as string[], from };
}
