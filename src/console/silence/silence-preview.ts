/**
 * Pure: what a silence or ack made from the console will do, shown before it is made (karma's preview):
 * its matchers (the alert's name and identifying labels, as the store's silence builds them), its author,
 * and the alerts of the list it hits now.
 */
import type { MergedAlert } from '../panels/alerts.js';

/** The preview line: `alertname="X",job="y" by alice@host, hits 2: X, X`. */
export function silencePreview(
  alert: MergedAlert,
  alerts: readonly MergedAlert[],
  author: string | undefined,
): string {
  const matchers = { alertname: alert.name, ...alert.labels };
  const text = Object.entries(matchers)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
  // an alert is hit when every matcher's label is its own (Alertmanager's equality matchers)
  const hits = alerts.filter(
    (a) => a.name === alert.name && Object.entries(alert.labels).every(([k, v]) => a.labels[k] === v),
  );
  const names = [...new Set(hits.map((a) => a.name))].join(', ');
  return `${text}${author ? ` by ${author}` : ''}, hits ${hits.length}${names ? `: ${names}` : ''}`;
}
