/** Plain-text renderings of a notice, shared by the email and Slack notifiers. Pure. */
import type { Notice, NoticeAlert } from './group-notices.js';

/** An epoch-ms time as ISO-8601 UTC, or '-' when absent. */
export function isoTime(ms: number | null): string {
  return ms === null || !Number.isFinite(ms) ? '-' : new Date(ms).toISOString();
}

/** A sample value for people: up to 4 significant digits; 'no data' for null. */
export function formatValue(value: number | null): string {
  if (value === null) return 'no data';
  if (!Number.isFinite(value)) return String(value);
  return Number.parseFloat(value.toPrecision(4)).toString();
}

/** Labels as `k=v, k=v`, or '-' when there are none. */
export function formatLabels(labels: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return pairs.length === 0 ? '-' : pairs.join(', ');
}

function stateText(a: NoticeAlert): string {
  if (a.event === 'severity_changed')
    return `FIRING (severity ${a.previousSeverity ?? '?'} -> ${a.severity})`;
  if (a.event === 'repeat') return 'FIRING (still firing, repeat)';
  return a.status.toUpperCase();
}

/** The block for one alert: name, severity, state, value, since, labels, runbook, description. */
export function formatAlertText(a: NoticeAlert): string {
  const lines = [
    `${a.name} [${a.severity}] ${stateText(a)}`,
    `  summary:  ${a.summary}`,
    `  value:    ${formatValue(a.value)}`,
    `  since:    ${isoTime(a.since)}`,
  ];
  if (a.firedAt !== null) lines.push(`  fired:    ${isoTime(a.firedAt)}`);
  if (a.status === 'resolved') lines.push(`  resolved: ${isoTime(a.resolvedAt)}`);
  lines.push(
    `  labels:   ${formatLabels(a.labels)}`,
    `  runbook:  ${a.runbook} (runbooks/${a.runbook}.md; mmops runbook run ${a.runbook})`,
    `  rule:     ${a.description}`,
  );
  return lines.join('\n');
}

/** The whole plain-text body of a notice, as the email sends it. */
export function formatNoticeText(notice: Notice): string {
  const head = `${notice.summary}\n\n${notice.alerts.length} ${notice.severity} alert(s) at ${isoTime(notice.at)}:`;
  const body = notice.alerts.map(formatAlertText).join('\n\n');
  return `${head}\n\n${body}\n\n-- \nmmops alerting engine\n`;
}

/** One short line per alert, for chat. */
export function formatAlertLine(a: NoticeAlert): string {
  const labels = Object.keys(a.labels).length > 0 ? ` {${formatLabels(a.labels)}}` : '';
  return `${a.status === 'resolved' ? 'RESOLVED' : 'FIRING'} ${a.name}${labels} [${a.severity}] value ${formatValue(a.value)} since ${isoTime(a.since)} runbook ${a.runbook}`;
}
