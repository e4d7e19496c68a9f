/** The console's silence command for one alert: its name and labels as exact matchers, from now on. */
import type { AlertmanagerClient } from '../../sources/index.js';
import type { MergedAlert } from '../panels/alerts.js';

/** Silences `alert` in Alertmanager for `durationMs` from `now`; resolves to the line the footer shows. */
export async function silenceAlert(
  am: AlertmanagerClient,
  alert: MergedAlert,
  o: { durationMs: number; comment: string; user: string; now: number },
): Promise<string> {
  const matchers = [['alertname', alert.name], ...Object.entries(alert.labels)].map(([name, value]) => ({
    name: name!,
    value: value!,
    isRegex: false,
    isEqual: true,
  }));
  const start = new Date(o.now);
  const r = await am.silence({
    matchers,
    startsAt: start,
    endsAt: new Date(start.getTime() + o.durationMs),
    createdBy: o.user,
    comment: o.comment,
  });
  return r.ok ? `silenced ${alert.name} (${r.data.silenceID})` : `silence failed: ${r.error}`;
}
