/**
 * Batches one evaluation's events into notices, one per severity, so a burst of ten alerts sends one
 * email (Alertmanager's group_by: [severity] with one group_wait of one evaluation).
 */
import { SEVERITIES } from './severity.js';
import type { AlertEvent, AlertEventType, Severity } from './types.js';

/** One alert inside a notice. Times are epoch ms. */
export interface NoticeAlert {
  name: string;
  labels: Record<string, string>;
  severity: Severity;
  previousSeverity?: Severity;
  status: 'firing' | 'resolved';
  /** Why it is in this notice. */
  event: AlertEventType;
  value: number | null;
  /** When the episode began (crossed the warning level). */
  since: number | null;
  firedAt: number | null;
  resolvedAt: number | null;
  summary: string;
  description: string;
  runbook: string;
}

/** What a notifier sends: the alerts of one severity from one evaluation. */
export interface Notice {
  /** 'firing' when any alert in it is firing, as in Alertmanager's webhook payload. */
  status: 'firing' | 'resolved';
  severity: Severity;
  /** One line for a subject or a Slack text, without any prefix. */
  summary: string;
  /** The evaluation time, epoch ms. */
  at: number;
  alerts: NoticeAlert[];
}

/** Options of groupNotices. */
export interface GroupOptions {
  /** config alerting.send_resolved; true by default. */
  sendResolved?: boolean;
}

/** Groups events into at most one notice per severity, critical first; empty when nothing to say. */
export function groupNotices(events: readonly AlertEvent[], options: GroupOptions = {}): Notice[] {
  const sendResolved = options.sendResolved ?? true;
  const bySeverity = new Map<Severity, NoticeAlert[]>();
  let at = 0;
  for (const e of events) {
    if (e.type === 'resolved' && !sendResolved) continue;
    const alert = toNoticeAlert(e);
    if (alert === null) continue;
    at = Math.max(at, e.at);
    const list = bySeverity.get(alert.severity) ?? [];
    list.push(alert);
    bySeverity.set(alert.severity, list);
  }
  return SEVERITIES.flatMap((severity) => {
    const alerts = bySeverity.get(severity);
    if (!alerts) return [];
    const status = alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved';
    return [{ status, severity, summary: summarize(severity, alerts), at, alerts }];
  });
}

function toNoticeAlert(e: AlertEvent): NoticeAlert | null {
  const a = e.alert;
  if (a.severity === null) return null; // cannot happen for events the state machine emits
  return {
    name: a.name,
    labels: { ...a.labels },
    severity: a.severity,
    ...(e.previousSeverity ? { previousSeverity: e.previousSeverity } : {}),
    status: e.type === 'resolved' ? 'resolved' : 'firing',
    event: e.type,
    value: a.value,
    since: a.activeAt,
    firedAt: a.firedAt,
    resolvedAt: a.resolvedAt,
    ...a.annotations,
  };
}

const VERB: Record<AlertEventType, string> = {
  firing: 'firing',
  resolved: 'resolved',
  severity_changed: 'changed severity',
  repeat: 'still firing',
};

/**
 * One alert: "HighErrorRatio firing (critical): Prediction error ratio is high".
 * Several: "3 critical alerts: 2 firing, 1 resolved: HighErrorRatio, LowThroughput, HighCpuUtilization".
 */
function summarize(severity: Severity, alerts: readonly NoticeAlert[]): string {
  const [only] = alerts;
  if (alerts.length === 1 && only) return `${only.name} ${VERB[only.event]} (${severity}): ${only.summary}`;
  const firing = alerts.filter((a) => a.status === 'firing').length;
  const counts = [
    firing ? `${firing} firing` : '',
    firing < alerts.length ? `${alerts.length - firing} resolved` : '',
  ]
    .filter((s) => s !== '')
    .join(', ');
  const names = [...new Set(alerts.map((a) => a.name))];
  const shown =
    names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
  return `${alerts.length} ${severity} alerts: ${counts}: ${shown}`;
}
