/** Pure: which runbook answers an alert, and the params its labels fill. */
import type { Runbook } from '../../runbook/index.js';

/** What an alert brings: its name, the runbook annotation (an id or a path) and its labels. */
export interface AlertRef {
  name: string;
  runbook: string | null;
  labels: Record<string, string>;
}

/**
 * The alert's runbook: the `runbook` annotation as an id, or the file named by `runbook_url`
 * (runbooks/<id>.md, a path or a URL), else the runbook whose front matter lists the alert.
 */
export function runbookForAlert(alert: AlertRef, runbooks: readonly Runbook[]): Runbook | undefined {
  const ref = alert.runbook?.trim();
  if (ref) {
    const id = ref
      .replace(/[?#].*$/, '')
      .split('/')
      .at(-1)
      ?.replace(/\.md$/, '');
    const found = runbooks.find((r) => r.id === ref || r.id === id);
    if (found) return found;
  }
  return runbooks.find((r) => r.alerts.includes(alert.name));
}

/**
 * The labels a run receives (MMOPS_ALERT_<LABEL>), alertname and severity included, and the params the
 * runbook declares under a label's name (a `model` param takes the alert's model label).
 */
export function alertInputs(
  alert: AlertRef,
  rb: Runbook,
): { labels: Record<string, string>; params: Record<string, string> } {
  const labels: Record<string, string> = { alertname: alert.name, ...alert.labels };
  const params: Record<string, string> = {};
  for (const p of rb.params) {
    const v = labels[p.name];
    if (v !== undefined) params[p.name] = v;
  }
  return { labels, params };
}
