/**
 * Pure: the silence (or ack) of the Silences deck that mutes an alert, so `s` on a silenced alert offers
 * to extend or expire it instead of stacking a new one. Matching follows Alertmanager (pkg/labels): an
 * absent label is "", regexes are anchored. The console may not import the alerting room, whose
 * silence-match.ts does the same for the engine's own silences.
 */
import type { MergedAlert } from '../panels/alerts.js';
import type { SilenceRow } from './silence-deck.js';

/** The first active silence whose every matcher matches the alert's name and labels; null when none. */
export function silenceOf(alert: MergedAlert, rows: readonly SilenceRow[]): SilenceRow | null {
  const labels: Record<string, string> = { alertname: alert.name, severity: alert.severity, ...alert.labels };
  const hit = (m: SilenceRow['matchers'][number]) => {
    const v = labels[m.name] ?? '';
    const eq = m.isRegex ? new RegExp(`^(?:${m.value})$`).test(v) : v === m.value;
    return m.isEqual === false ? !eq : eq;
  };
  return rows.find((s) => s.state === 'active' && s.matchers.every(hit)) ?? null;
}
