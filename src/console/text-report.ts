/** The panel models as plain text (no Ink): `mmops status` and `mmops alerts` print these. */

import type { MergedAlert } from './panels/alerts.js';
import { PANEL_ORDER } from './panels/build.js';
import { age, clip } from './panels/format.js';
import { STATE_TEXT } from './panels/state.js';
import type { AlertsSnapshot, SourceCheck, StatusSnapshot } from './snapshot.js';

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

// The base URL and the cause: the error names the request URL, query string and all (`.../api/v1/alerts?`).
function failText(c: SourceCheck): string {
  const error = c.error ?? '';
  const why = c.url !== null && error.startsWith(c.url) ? error.slice(error.indexOf(': ') + 2) : '';
  return why && error.indexOf(': ') >= 0 ? `${c.url}: ${why}` : error;
}

function sourceLines(sources: Record<string, SourceCheck>): string[] {
  return Object.entries(sources).map(([name, c]) =>
    !c.configured
      ? `  ${pad(name, 13)}– not configured`
      : c.ok
        ? `  ${pad(name, 13)}✔ OK           ${c.url}`
        : `  ${pad(name, 13)}✖ ${pad((c.kind ?? 'error').toUpperCase(), 14)}${failText(c)}`,
  );
}

/** The status report: overall, sources, one line per panel (state and key figures), notes. */
export function statusText(s: StatusSnapshot): string {
  const out = [
    `mmops status  ${STATE_TEXT[s.overall]}  ${new Date(s.at).toISOString()}`,
    '',
    'sources',
    ...sourceLines(s.sources),
    '',
    'panels',
  ];
  for (const k of PANEL_ORDER) {
    const m = s.models[k];
    const stats = m.stats
      .map((x) => `${x.label} ${x.value}${x.state === 'warning' ? ' ▲' : x.state === 'critical' ? ' ✖' : ''}`)
      .join('  ');
    out.push(`  ${pad(m.title, 19)}${pad(STATE_TEXT[m.state], 11)}${stats}${m.note ? `  (${m.note})` : ''}`);
  }
  const drifted = s.models.drift.table?.rows.filter((r) => r.drifted?.includes('yes')) ?? [];
  if (drifted.length > 0)
    out.push(
      '',
      `drifted features: ${drifted.map((r) => `${r.feature} (${r.method} ${r.score})`).join(', ')}`,
    );
  const alerts = s.models.alerts.alerts;
  if (alerts.length > 0) out.push('', 'alerts', ...alertLines(alerts, s.at));
  return out.join('\n');
}

/** One line per alert: severity, state, name, labels, age, sources, summary. */
export function alertLines(alerts: readonly MergedAlert[], now: number): string[] {
  const sev = (a: MergedAlert) =>
    a.severity === 'critical' ? '✖ crit' : a.severity === 'warning' ? '▲ warn' : a.severity;
  return alerts.map((a) => {
    const labels = Object.entries(a.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const since = a.since === null ? '—' : age(now - a.since);
    const src = a.sources.map((x) => x[0]!.toUpperCase()).join('');
    return `  ${pad(sev(a), 8)}${pad(a.state, 10)}${pad(a.name, 26)}${pad(since, 5)}${pad(src, 4)}${clip(a.summary, 60)}${labels ? `  {${labels}}` : ''}`;
  });
}

/** The alerts report. */
export function alertsText(s: AlertsSnapshot): string {
  const head = `mmops alerts  ${STATE_TEXT[s.state]}  ${s.alerts.length} active  ${new Date(s.at).toISOString()}`;
  const down = Object.entries(s.sources).filter(([, c]) => c.configured && !c.ok);
  return [
    head,
    ...(down.length > 0 ? ['', 'sources not answering', ...sourceLines(Object.fromEntries(down))] : []),
    '',
    ...(s.alerts.length > 0 ? alertLines(s.alerts, s.at) : ['  no active alerts']),
  ].join('\n');
}
