/**
 * Alerts panel: Prometheus' pending and firing alerts, Alertmanager's (with silenced and inhibited ones)
 * and the engine's own, merged (same alertname, shared labels agree) and ordered by severity, then age.
 */
import type { AmAlert, EngineAlertDoc, PromAlert } from '../../sources/index.js';
import { age, clip } from './format.js';
import { figure, type PanelModel } from './model.js';
import { type PanelState, worst } from './state.js';

/** One alert after merging its sources. */
export interface MergedAlert {
  /** alertname + identifying labels: the dedup key and the React key. */
  key: string;
  name: string;
  /** Identifying labels (without alertname, severity and alertstate). */
  labels: Record<string, string>;
  severity: string;
  state: 'firing' | 'pending' | 'silenced' | 'inhibited';
  /** Epoch ms the alert became active; null when no source said. */
  since: number | null;
  sources: Array<'prometheus' | 'alertmanager' | 'engine'>;
  summary: string;
  runbook: string | null;
  /** The value the alert judged, from the first copy that carries one (Alertmanager's never does). */
  value: number | null;
}

/** What the panel reads; null for a source that gave nothing (down or not configured). */
export interface AlertSamples {
  prometheus: PromAlert[] | null;
  alertmanager: AmAlert[] | null;
  engine: EngineAlertDoc[] | null;
  now: number;
}

const NOT_IDENTITY = new Set(['alertname', 'severity', 'alertstate']);
const SEVERITY_RANK: Record<string, number> = { critical: 0, warning: 1, info: 2 };
const STATE_RANK: Record<MergedAlert['state'], number> = { silenced: 3, inhibited: 2, firing: 1, pending: 0 };

function identity(labels: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(labels).sort()) if (!NOT_IDENTITY.has(k)) out[k] = labels[k]!;
  return out;
}

type Candidate = Omit<MergedAlert, 'key' | 'labels' | 'sources' | 'value'> & {
  value?: number | null;
  allLabels: Record<string, string>;
  source: MergedAlert['sources'][number];
};

function candidates(s: AlertSamples): Candidate[] {
  const runbookOf = (l: Record<string, string>, a: Record<string, string>) =>
    a.runbook ?? a.runbook_url ?? l.runbook ?? null;
  const prom = (s.prometheus ?? []).map(
    (a): Candidate => ({
      name: a.labels.alertname ?? '?',
      allLabels: a.labels,
      severity: a.labels.severity ?? 'none',
      state: a.state,
      since: a.activeAt,
      summary: a.annotations.summary ?? '',
      runbook: runbookOf(a.labels, a.annotations),
      value: a.value,
      source: 'prometheus',
    }),
  );
  const am = (s.alertmanager ?? []).map(
    (a): Candidate => ({
      name: a.labels.alertname ?? '?',
      allLabels: a.labels,
      severity: a.labels.severity ?? 'none',
      state: a.silencedBy.length > 0 ? 'silenced' : a.inhibitedBy.length > 0 ? 'inhibited' : 'firing',
      since: a.startsAt,
      summary: a.annotations.summary ?? '',
      runbook: runbookOf(a.labels, a.annotations),
      value: a.value ?? null,
      source: 'alertmanager',
    }),
  );
  const engine = (s.engine ?? [])
    .filter((a) => a.state === 'pending' || a.state === 'firing')
    .map(
      (a): Candidate => ({
        name: a.name,
        allLabels: a.labels,
        severity: a.severity ?? 'none',
        state: a.state === 'pending' ? 'pending' : 'firing',
        since: a.activeAt ?? null,
        summary: a.annotations?.summary ?? '',
        runbook: a.annotations?.runbook ?? null,
        value: typeof a.value === 'number' ? a.value : null,
        source: 'engine',
      }),
    );
  return [...prom, ...am, ...engine];
}

/** True when the labels both sets carry agree (the engine's copy lacks job and instance, for instance). */
function compatible(a: Record<string, string>, b: Record<string, string>): boolean {
  for (const k of Object.keys(a)) if (k in b && a[k] !== b[k]) return false;
  return true;
}

/**
 * Merges and orders the alerts of every source. Two copies are one alert when they share the alertname and
 * the labels they both carry agree: Prometheus' and Alertmanager's copies carry the same labels, the
 * engine's lacks the scrape labels (job, instance). A copy that fits several rows (an engine alert beside
 * one Prometheus alert per instance) stays a row of its own, since it cannot say which it is.
 */
export function mergeAlerts(s: AlertSamples): MergedAlert[] {
  const rows: MergedAlert[] = [];
  for (const c of candidates(s)) {
    const labels = identity(c.allLabels);
    const fits = rows.filter((m) => m.name === c.name && compatible(m.labels, labels));
    const m = fits.length === 1 ? fits[0] : undefined;
    if (!m) {
      rows.push({
        key: '',
        name: c.name,
        labels,
        severity: c.severity,
        state: c.state,
        since: c.since,
        sources: [c.source],
        summary: c.summary,
        runbook: c.runbook,
        value: c.value ?? null,
      });
      continue;
    }
    // the union of the labels: the most specific copy names the alert (and silences match it)
    m.labels = identity({ ...labels, ...m.labels });
    if ((SEVERITY_RANK[c.severity] ?? 9) < (SEVERITY_RANK[m.severity] ?? 9)) m.severity = c.severity;
    if (STATE_RANK[c.state] > STATE_RANK[m.state]) m.state = c.state;
    if (c.since !== null && (m.since === null || c.since < m.since)) m.since = c.since;
    if (!m.sources.includes(c.source)) m.sources.push(c.source);
    m.summary ||= c.summary;
    m.runbook ??= c.runbook;
    m.value ??= c.value ?? null;
  }
  for (const m of rows) m.key = `${m.name}${JSON.stringify(m.labels)}`;
  return rows.sort(
    (a, b) =>
      (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9) ||
      (a.since ?? Number.POSITIVE_INFINITY) - (b.since ?? Number.POSITIVE_INFINITY) ||
      a.key.localeCompare(b.key),
  );
}

/** The state an alert gives the console: only firing, unsuppressed alerts count. */
export function alertState(a: MergedAlert): PanelState {
  if (a.state !== 'firing') return 'ok';
  return a.severity === 'critical' ? 'critical' : a.severity === 'warning' ? 'warning' : 'ok';
}

const SEV_TEXT: Record<string, string> = { critical: '✖ crit', warning: '▲ warn' };
const SOURCE_TEXT = { prometheus: 'P', alertmanager: 'A', engine: 'E' } as const;

/** The alerts panel model plus the merged alerts (the console selects, silences and opens runbooks on them). */
export function toAlertsModel(s: AlertSamples): PanelModel & { alerts: MergedAlert[] } {
  const alerts = mergeAlerts(s);
  const none = s.prometheus === null && s.alertmanager === null && s.engine === null;
  const firing = alerts.filter((a) => a.state === 'firing').length;
  const pending = alerts.filter((a) => a.state === 'pending').length;
  const silenced = alerts.filter((a) => a.state === 'silenced' || a.state === 'inhibited').length;
  const rows = alerts.map((a) => ({
    sev: SEV_TEXT[a.severity] ?? a.severity,
    state: a.state,
    alert: a.name,
    labels: clip(
      Object.entries(a.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
      30,
    ),
    age: a.since === null ? '—' : age(s.now - a.since),
    src: a.sources.map((x) => SOURCE_TEXT[x]).join(''),
    summary: a.summary,
  }));
  return {
    id: 'alerts',
    title: 'Alerts',
    state: none ? 'unknown' : worst(['ok', ...alerts.map(alertState)]),
    stats: [
      {
        label: 'firing',
        value: String(firing),
        state: firing > 0 ? worst(alerts.map(alertState)) : 'ok',
        ...figure(firing, 'count'),
      },
      { label: 'pending', value: String(pending), state: 'ok', ...figure(pending, 'count') },
      { label: 'silenced', value: String(silenced), state: 'ok', ...figure(silenced, 'count') },
    ],
    series: [],
    table: {
      columns: ['sev', 'state', 'alert', 'labels', 'age', 'src', 'summary'],
      rows,
      flex: ['summary', 'labels'],
    },
    alerts,
    ...(none
      ? { note: 'no alert source reachable' }
      : alerts.length === 0
        ? { note: 'no active alerts' }
        : {}),
  };
}
