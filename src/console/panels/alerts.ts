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
  /** Alertmanager's fingerprint of the full label set (its copy's); null when Alertmanager has none. */
  fingerprint: string | null;
  /** Every label of the most specific copy, alertname and severity included (what runs and silences match). */
  allLabels: Record<string, string>;
  /** The annotations of every copy, the first copy's winning (description, summary, runbook...). */
  annotations: Record<string, string>;
  /** The value Prometheus or the engine last evaluated; null when neither said. */
  value: number | null;
  /** Epoch ms the alert went pending (Prometheus activeAt, the engine's activeAt). */
  pendingSince: number | null;
  /** Epoch ms it went firing (Alertmanager's startsAt, the engine's firedAt); null while pending. */
  firingSince: number | null;
  /** The silences muting it, by id and where they live. */
  silencedBy: Array<{ target: 'alertmanager' | 'engine'; id: string }>;
  /** The alerts inhibiting it or one of its copies (Alertmanager): the inhibitor's fingerprint, the copy's labels. */
  inhibitedBy: Array<{ by: string; labels: Record<string, string> }>;
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

function withoutState(labels: Record<string, string>): Record<string, string> {
  const { alertstate: _, ...rest } = labels;
  return rest;
}

function identity(labels: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(labels).sort()) if (!NOT_IDENTITY.has(k)) out[k] = labels[k]!;
  return out;
}

type Candidate = Omit<MergedAlert, 'key' | 'labels' | 'sources' | 'allLabels'> & {
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
      source: 'prometheus',
      fingerprint: null,
      annotations: a.annotations,
      value: a.value,
      pendingSince: a.activeAt,
      firingSince: null,
      silencedBy: [],
      inhibitedBy: [],
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
      source: 'alertmanager',
      fingerprint: a.fingerprint || null,
      annotations: a.annotations,
      value: null,
      pendingSince: null,
      // Alertmanager hears of an alert once Prometheus fires it: its startsAt is the firing time
      firingSince: a.startsAt,
      silencedBy: a.silencedBy.map((id) => ({ target: 'alertmanager' as const, id })),
      inhibitedBy: a.inhibitedBy.map((by) => ({ by, labels: a.labels })),
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
        source: 'engine',
        fingerprint: null,
        annotations: { ...(a.annotations ?? {}) } as Record<string, string>,
        value: typeof a.value === 'number' ? a.value : null,
        pendingSince: typeof a.activeAt === 'number' ? a.activeAt : null,
        firingSince: a.state === 'firing' && typeof a.firedAt === 'number' ? a.firedAt : null,
        silencedBy: (a.silencedBy ?? []).map((id) => ({ target: 'engine' as const, id })),
        inhibitedBy: [],
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
        fingerprint: c.fingerprint,
        allLabels: withoutState(c.allLabels),
        annotations: { ...c.annotations },
        value: c.value,
        pendingSince: c.pendingSince,
        firingSince: c.firingSince,
        silencedBy: [...c.silencedBy],
        inhibitedBy: [...c.inhibitedBy],
      });
      continue;
    }
    // the union of the labels: the most specific copy names the alert (and silences match it)
    m.labels = identity({ ...labels, ...m.labels });
    // The row's state is its most severe copy's: a critical copy that fires while Alertmanager inhibits the
    // warning copy of the same alert (the shipped inhibit rule) is firing, not inhibited.
    const cr = SEVERITY_RANK[c.severity] ?? 9;
    const mr = SEVERITY_RANK[m.severity] ?? 9;
    if (cr < mr) {
      // The more severe copy speaks for the row: its summary, annotations, value, labels and fingerprint.
      // Kept from the first copy, the detail of a row that read "critical firing" said "severity warning"
      // and "above the warning level" (a warning and a critical copy of HighPredictionLatency).
      m.severity = c.severity;
      m.state = c.state;
      // (copies of its severity that come later fill what it lacks, as below)
      m.summary = c.summary;
      m.fingerprint = c.fingerprint;
      // the union keeps the most specific copy's scrape labels (job, instance), with this copy's severity
      m.allLabels = withoutState({ ...m.allLabels, ...c.allLabels });
      m.annotations = { ...c.annotations };
      m.value = c.value;
    } else if (cr === mr) {
      // a copy of the same severity fills what the row lacks (Alertmanager's has the fingerprint,
      // Prometheus' the value); a less severe one has nothing to say of it
      if (STATE_RANK[c.state] > STATE_RANK[m.state]) m.state = c.state;
      m.summary ||= c.summary;
      m.fingerprint ??= c.fingerprint;
      if (Object.keys(c.allLabels).length > Object.keys(m.allLabels).length)
        m.allLabels = withoutState(c.allLabels);
      m.annotations = { ...c.annotations, ...m.annotations };
      m.value ??= c.value;
    }
    if (c.since !== null && (m.since === null || c.since < m.since)) m.since = c.since;
    if (!m.sources.includes(c.source)) m.sources.push(c.source);
    m.runbook ??= c.runbook;
    if (c.pendingSince !== null && (m.pendingSince === null || c.pendingSince < m.pendingSince))
      m.pendingSince = c.pendingSince;
    if (c.firingSince !== null && (m.firingSince === null || c.firingSince < m.firingSince))
      m.firingSince = c.firingSince;
    m.silencedBy.push(...c.silencedBy);
    m.inhibitedBy.push(...c.inhibitedBy);
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
