/**
 * Pure: the alert list grouped as Alertmanager's route groups it (`group_by`, the labels that make one
 * notification, alertmanager#868), or by a label the operator picks. A group of several alerts is one
 * header row (count, worst severity, states) that Enter opens and closes; a group of one is its alert's row.
 * A drift fault's ModelDrift rows (one per feature) are one group under alertname.
 */
import type { MergedAlert } from '../panels/alerts.js';
import { age } from '../panels/format.js';
import type { Table } from '../panels/model.js';

/** A group's header. */
export interface GroupHead {
  /** "group:" plus the group's label values: the selection's key for the header. */
  key: string;
  labels: Record<string, string>;
  alerts: MergedAlert[];
  worst: string;
  open: boolean;
}

/** One row of the list: an alert, or a group's header. Both have a key and a name for follow(). */
export interface AlertListRow {
  key: string;
  name: string;
  alert: MergedAlert | null;
  group: GroupHead | null;
}

/** How the list is grouped: the labels, and where they came from (said in the view). */
export interface Grouping {
  by: readonly string[];
  from: string;
}

const SEVERITY_RANK: Record<string, number> = { critical: 0, warning: 1, info: 2 };
const rank = (s: string) => SEVERITY_RANK[s] ?? 9;
const labelOf = (a: MergedAlert, k: string) =>
  k === 'alertname' ? a.name : k === 'severity' ? a.severity : (a.allLabels[k] ?? a.labels[k] ?? '');

/** The group's key for `by`: the same for alerts Alertmanager would notify about together. */
export function groupKey(a: MergedAlert, by: readonly string[]): string {
  return `group:${by.map((k) => `${k}=${labelOf(a, k)}`).join(',')}`;
}

/**
 * The rows: groups in the order of their first (most severe, oldest) alert, which the merged list already
 * has; `open` holds the keys of the groups shown open. No labels: the flat list.
 */
export function groupAlerts(
  alerts: readonly MergedAlert[],
  by: readonly string[],
  open: ReadonlySet<string>,
): AlertListRow[] {
  const flat = (a: MergedAlert): AlertListRow => ({ key: a.key, name: a.name, alert: a, group: null });
  if (by.length === 0) return alerts.map(flat);
  const groups = new Map<string, GroupHead>();
  for (const a of alerts) {
    const key = groupKey(a, by);
    const g = groups.get(key);
    if (g) {
      g.alerts.push(a);
      if (rank(a.severity) < rank(g.worst)) g.worst = a.severity;
    } else {
      const labels = Object.fromEntries(by.map((k) => [k, labelOf(a, k)]));
      groups.set(key, { key, labels, alerts: [a], worst: a.severity, open: open.has(key) });
    }
  }
  return [...groups.values()].flatMap((g) => {
    if (g.alerts.length === 1) return [flat(g.alerts[0]!)];
    const head: AlertListRow = { key: g.key, name: headName(g), alert: null, group: g };
    return g.open ? [head, ...g.alerts.map(flat)] : [head];
  });
}

/** "ModelDrift" when the group is one alert name, else its label values. */
function headName(g: GroupHead): string {
  const names = new Set(g.alerts.map((a) => a.name));
  return names.size === 1 ? g.alerts[0]!.name : Object.values(g.labels).join(' ');
}

const SEV_TEXT: Record<string, string> = { critical: '✖ crit', warning: '▲ warn' };

/**
 * The table of `rows`: an alert keeps its row of the alerts panel (`base`, by key), indented under an open
 * group, with "acked by ..." before its summary; a header reads "▸ 11" (closed) or "▾ 11" (open).
 */
export function listTable(
  rows: readonly AlertListRow[],
  base: { table?: Table; alerts: readonly MergedAlert[] },
  acks: ReadonlyMap<string, string>,
  now: number,
): Table {
  const byKey = new Map(base.alerts.map((a, i) => [a.key, base.table?.rows[i] ?? {}]));
  let under = 0; // rows left under the open group above: they are indented
  const out = rows.map((r): Record<string, string> => {
    if (r.group) {
      const g = r.group;
      under = g.open ? g.alerts.length : 0;
      const states = ['firing', 'pending', 'silenced', 'inhibited']
        .map((s) => [s, g.alerts.filter((a) => a.state === s).length] as const)
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${n} ${s}`);
      const oldest = Math.min(...g.alerts.map((a) => a.since ?? Number.POSITIVE_INFINITY));
      const acked = g.alerts.filter((a) => acks.has(a.key)).length;
      return {
        sev: SEV_TEXT[g.worst] ?? g.worst,
        state: `${g.open ? '▾' : '▸'} ${g.alerts.length}`,
        alert: r.name,
        // the name is in the alert column: the other group labels here
        labels: Object.entries(g.labels)
          .filter(([k]) => k !== 'alertname' || new Set(g.alerts.map((a) => a.name)).size > 1)
          .map(([k, v]) => `${k}=${v}`)
          .join(','),
        age: Number.isFinite(oldest) ? age(now - oldest) : '—',
        src: [...new Set(g.alerts.flatMap((a) => a.sources.map((s) => s[0]!.toUpperCase())))].join(''),
        summary: `${g.alerts.length} alerts: ${states.join(', ')}${acked ? `, ${acked} acked` : ''} (⏎ ${g.open ? 'closes' : 'opens'})`,
      };
    }
    const row = { ...(byKey.get(r.key) ?? {}) };
    const ack = acks.get(r.key);
    if (ack) {
      // an ack is a silence: the state says which, so 'acked' shows even where the summary is cut (80 columns)
      row.state = 'acked';
      row.summary = `${ack} · ${row.summary ?? ''}`;
    }
    if (under > 0) {
      under -= 1;
      row.alert = `  ${row.alert ?? r.name}`;
    }
    return row;
  });
  return { columns: base.table?.columns ?? [], rows: out, flex: base.table?.flex ?? [] };
}

/**
 * The choices `b` cycles through: the route's group_by, each label the alerts carry (alertname first),
 * and none (the flat list).
 */
export function groupingChoices(route: Grouping | null, alerts: readonly MergedAlert[]): Grouping[] {
  const labels = new Set<string>(['alertname', 'severity']);
  for (const a of alerts) for (const k of Object.keys(a.labels)) labels.add(k);
  const picks = [...labels].map((k) => ({ by: [k], from: 'label' }));
  const same = (g: Grouping) => route && g.by.join(',') === route.by.join(',');
  return [...(route ? [route] : []), ...picks.filter((g) => !same(g)), { by: [], from: 'none' }];
}
